/**
 * The part of `@tarojs/taro` the app uses, behaving like Taro's H5 build: `request` goes through
 * `fetch` (which tests stub), resolves for any HTTP status and rejects only when no answer came.
 * Navigation and toasts are recorded so tests can assert on them.
 */
interface RequestOption {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
  timeout?: number;
}

export interface RequestResult<T = unknown> {
  statusCode: number;
  data: T;
  header: Record<string, string>;
  errMsg: string;
}

async function request<T = unknown>(option: RequestOption): Promise<RequestResult<T>> {
  const method = option.method ?? 'GET';
  let url = option.url;
  let body: string | undefined;
  if (option.data !== undefined) {
    if (method === 'GET') {
      const query = new URLSearchParams(option.data as Record<string, string>).toString();
      if (query) url += (url.includes('?') ? '&' : '?') + query;
    } else {
      body = JSON.stringify(option.data);
    }
  }
  const response = await fetch(url, { method, headers: option.header, body });
  const header: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    header[key] = value;
  });
  const data = (await response.json().catch(() => null)) as T;
  return { statusCode: response.status, data, header, errMsg: 'request:ok' };
}

export interface RouteCall {
  kind: 'navigateTo' | 'switchTab' | 'redirectTo' | 'navigateBack';
  url?: string;
}

export const routeCalls: RouteCall[] = [];
export const toasts: { title: string; icon?: string }[] = [];
let routerParams: Record<string, string | undefined> = {};

/** Test helper: the query of the page under test, e.g. `{ code: 'FD120' }`. */
export const setRouterParams = (params: Record<string, string | undefined>): void => {
  routerParams = params;
};

export const resetTaroShim = (): void => {
  routeCalls.length = 0;
  toasts.length = 0;
  routerParams = {};
};

const navigateTo = async ({ url }: { url: string }) => {
  routeCalls.push({ kind: 'navigateTo', url });
  return { errMsg: 'navigateTo:ok' };
};
const switchTab = async ({ url }: { url: string }) => {
  routeCalls.push({ kind: 'switchTab', url });
  return { errMsg: 'switchTab:ok' };
};
const redirectTo = async ({ url }: { url: string }) => {
  routeCalls.push({ kind: 'redirectTo', url });
  return { errMsg: 'redirectTo:ok' };
};
const navigateBack = async () => {
  routeCalls.push({ kind: 'navigateBack' });
  return { errMsg: 'navigateBack:ok' };
};
const showToast = async (option: { title: string; icon?: string }) => {
  toasts.push(option);
  return { errMsg: 'showToast:ok' };
};

export const useRouter = () => ({ params: routerParams, path: '' });
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' } });

const Taro = {
  request,
  navigateTo,
  switchTab,
  redirectTo,
  navigateBack,
  showToast,
  useRouter,
  getCurrentInstance,
};

export default Taro;
