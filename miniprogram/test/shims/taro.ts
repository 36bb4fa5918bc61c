/**
 * The part of `@tarojs/taro` the app uses, behaving like Taro's H5 build: `request` goes through
 * `fetch` (which tests stub), resolves for any HTTP status and rejects only when no answer came.
 * Navigation and toasts are recorded so tests can assert on them.
 */
import { useEffect } from 'react';

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
export const modals: { title?: string; content?: string }[] = [];
/** What the person taps in the next modals: true 确定 (the default once this is empty), false 取消. */
export const modalAnswers: boolean[] = [];
/** `Taro.showLoading` / `Taro.hideLoading`, in call order. */
export const loadingCalls: ({ kind: 'show'; title: string } | { kind: 'hide' })[] = [];
/** Tab-bar red dots currently shown, by tab index (`Taro.showTabBarRedDot`). */
export const tabBarRedDots = new Set<number>();
/** The page's latest `useShareAppMessage` callback (what 转发 would send), and showShareMenu calls. */
export const share: {
  handler: (() => { title?: string; path?: string; imageUrl?: string }) | null;
  menuCalls: unknown[];
} = { handler: null, menuCalls: [] };
let routerParams: Record<string, string | undefined> = {};

/** Test helper: the query of the page under test, e.g. `{ code: 'FD120' }`. */
export const setRouterParams = (params: Record<string, string | undefined>): void => {
  routerParams = params;
};

export const resetTaroShim = (): void => {
  routeCalls.length = 0;
  toasts.length = 0;
  modals.length = 0;
  modalAnswers.length = 0;
  loadingCalls.length = 0;
  tabBarRedDots.clear();
  share.handler = null;
  share.menuCalls.length = 0;
  clipboard.length = 0;
  previewedImages.length = 0;
  canIUseAnswers.clear();
  routerParams = {};
  storage.clear();
  weappCalls.length = 0;
  weappFiles.clear();
  Object.assign(weappFakes, defaultWeappFakes());
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

const showLoading = async (option: { title: string }) => {
  loadingCalls.push({ kind: 'show', title: option.title });
  return { errMsg: 'showLoading:ok' };
};
const hideLoading = async () => {
  loadingCalls.push({ kind: 'hide' });
  return { errMsg: 'hideLoading:ok' };
};

const showModal = async (option: { title?: string; content?: string }) => {
  modals.push({ title: option.title, content: option.content });
  const confirm = modalAnswers.shift() ?? true;
  return { confirm, cancel: !confirm, errMsg: 'showModal:ok' };
};
const showTabBarRedDot = async ({ index }: { index: number }) => {
  tabBarRedDots.add(index);
  return { errMsg: 'showTabBarRedDot:ok' };
};
const hideTabBarRedDot = async ({ index }: { index: number }) => {
  tabBarRedDots.delete(index);
  return { errMsg: 'hideTabBarRedDot:ok' };
};

/** `Taro.canIUse`: true unless a test says otherwise (e.g. an old base library). */
export const canIUseAnswers = new Map<string, boolean>();
const canIUse = (schema: string): boolean => canIUseAnswers.get(schema) ?? true;

/** Taro storage, in memory (cleared between tests). */
export const storage = new Map<string, unknown>();
// Like wx storage, values are serialised: what comes back is a copy. (jsdom has no structuredClone.)
const copy = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const getStorageSync = (key: string): unknown => (storage.has(key) ? copy(storage.get(key)) : '');
const setStorageSync = (key: string, value: unknown): void => {
  storage.set(key, copy(value));
};
const removeStorageSync = (key: string): void => {
  storage.delete(key);
};

/** The weapp's file system (`wx.getFileSystemManager()`): text files by path, e.g. downloads. */
export const weappFiles = new Map<string, string>();

export interface DownloadFileOption {
  url: string;
  header?: Record<string, string>;
  timeout?: number;
}
export interface DownloadFileResult {
  statusCode: number;
  tempFilePath: string;
  header?: Record<string, string>;
  errMsg: string;
}

/**
 * The weapp-only APIs (wx.login, wx.requestPayment, wx.requestSubscribeMessage, wx.downloadFile,
 * wx.openDocument), as fakes a test can script. Calls are recorded in `weappCalls`.
 */
export interface WeappFakes {
  login: () => Promise<{ code: string; errMsg: string }>;
  requestPayment: (option: Record<string, unknown>) => Promise<{ errMsg: string }>;
  requestSubscribeMessage: (option: { tmplIds: string[] }) => Promise<Record<string, string>>;
  /** Like wx.downloadFile: resolves for any HTTP status, the body saved to `tempFilePath`. */
  downloadFile: (option: DownloadFileOption) => Promise<DownloadFileResult>;
  openDocument: (option: { filePath: string; fileType?: string; showMenu?: boolean }) => Promise<{ errMsg: string }>;
}
const defaultWeappFakes = (): WeappFakes => ({
  login: async () => ({ code: 'wx-code-1', errMsg: 'login:ok' }),
  requestPayment: async () => ({ errMsg: 'requestPayment:ok' }),
  requestSubscribeMessage: async ({ tmplIds }) =>
    Object.fromEntries([...tmplIds.map((id) => [id, 'accept']), ['errMsg', 'requestSubscribeMessage:ok']]),
  downloadFile: async () => {
    weappFiles.set('wxfile://tmp_download.pdf', '%PDF-1.7');
    return { statusCode: 200, tempFilePath: 'wxfile://tmp_download.pdf', errMsg: 'downloadFile:ok' };
  },
  openDocument: async () => ({ errMsg: 'openDocument:ok' }),
});
export const weappFakes: WeappFakes = defaultWeappFakes();
export const weappCalls: { api: keyof WeappFakes; option?: unknown }[] = [];

const login = () => {
  weappCalls.push({ api: 'login' });
  return weappFakes.login();
};
const requestPayment = (option: Record<string, unknown>) => {
  weappCalls.push({ api: 'requestPayment', option });
  return weappFakes.requestPayment(option);
};
const requestSubscribeMessage = (option: { tmplIds: string[] }) => {
  weappCalls.push({ api: 'requestSubscribeMessage', option });
  return weappFakes.requestSubscribeMessage(option);
};

const downloadFile = (option: DownloadFileOption) => {
  weappCalls.push({ api: 'downloadFile', option });
  return weappFakes.downloadFile(option);
};
const openDocument = (option: { filePath: string; fileType?: string; showMenu?: boolean }) => {
  weappCalls.push({ api: 'openDocument', option });
  return weappFakes.openDocument(option);
};
const getFileSystemManager = () => ({
  readFileSync: (filePath: string, _encoding?: string): string => {
    const content = weappFiles.get(filePath);
    if (content === undefined) throw new Error(`readFileSync:fail no such file or directory ${filePath}`);
    return content;
  },
});

/** Page lifecycle: a page rendered in a test is shown once, when it mounts. */
export const useDidShow = (callback: () => void): void => {
  useEffect(() => {
    callback();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
};
export const useDidHide = (_callback: () => void): void => undefined;
export const useShareAppMessage = (callback: () => { title?: string; path?: string; imageUrl?: string }): void => {
  share.handler = callback;
};
const showShareMenu = async (option: unknown) => {
  share.menuCalls.push(option);
  return { errMsg: 'showShareMenu:ok' };
};
/** What the page put on the clipboard (复制链接) and the images it previewed (海报). */
export const clipboard: string[] = [];
const setClipboardData = async ({ data }: { data: string }) => {
  clipboard.push(data);
  return { errMsg: 'setClipboardData:ok' };
};
export const previewedImages: string[] = [];
const previewImage = async ({ urls }: { urls: string[]; current?: string }) => {
  previewedImages.push(...urls);
  return { errMsg: 'previewImage:ok' };
};
export const usePullDownRefresh = (_callback: () => void): void => undefined;
const stopPullDownRefresh = (): void => undefined;

export const useRouter = () => ({ params: routerParams, path: '' });
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '' } });

const Taro = {
  request,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  login,
  requestPayment,
  requestSubscribeMessage,
  downloadFile,
  openDocument,
  getFileSystemManager,
  stopPullDownRefresh,
  useDidShow,
  useDidHide,
  usePullDownRefresh,
  useShareAppMessage,
  showShareMenu,
  setClipboardData,
  previewImage,
  navigateTo,
  switchTab,
  redirectTo,
  navigateBack,
  showToast,
  showLoading,
  hideLoading,
  showModal,
  showTabBarRedDot,
  hideTabBarRedDot,
  canIUse,
  useRouter,
  getCurrentInstance,
};

export default Taro;
