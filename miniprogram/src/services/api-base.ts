/**
 * Where the BFF is. In H5 the BFF serves the app itself, so API calls stay on the same origin
 * (relative `/api/...`, proxied to :3000 by the dev server). A mini-program has no origin: its
 * base URL is a build-time constant (`TARO_APP_API_BASE`, see config/index.ts).
 */
export const apiBase = (): string =>
  process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000');
