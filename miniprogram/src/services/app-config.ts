import { appConfigResponseSchema, type AppConfigResponse } from '@xiaoan/shared';
import { request } from './http';

let loaded: AppConfigResponse | null = null;
let inFlight: Promise<AppConfigResponse> | null = null;

/**
 * `GET /api/v1/app-config`, once per app start: whether this deployment runs on the WeChat
 * simulator (H5 then logs in and pays through it) and the subscribe-message template ids.
 */
export const loadAppConfig = (): Promise<AppConfigResponse> => {
  if (loaded) return Promise.resolve(loaded);
  inFlight ??= request(appConfigResponseSchema, '/api/v1/app-config')
    .then((config) => {
      loaded = config;
      return config;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
};

/**
 * The config if it is already loaded. A subscribe request must run synchronously inside the tap
 * handler (WeChat refuses it after an await), so screens preload the config and read it here.
 */
export const peekAppConfig = (): AppConfigResponse | null => loaded;

/** For tests. */
export const resetAppConfig = (): void => {
  loaded = null;
  inFlight = null;
};
