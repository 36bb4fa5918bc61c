import Taro from '@tarojs/taro';
import { policyDocumentPath } from '@xiaoan/shared';
import { apiBase } from '../../../services/api-base';
import { ApiError, apiErrorOfAnswer } from '../../../services/api-error';
import { headerValue, withSession } from '../../../services/http';
import { deviceId } from '../../../services/device-id';
import { currentPlatform } from '../../../services/platform';

/** The BFF renders the PDF on demand: give it longer than an ordinary API call. */
const DOCUMENT_TIMEOUT_MS = 30_000;
/** How long the H5 blob: URL stays valid, for the new tab (or the download) to read it. */
const BLOB_URL_LIFETIME_MS = 60_000;

export interface OpenPolicyDocumentOptions {
  /** Called once the PDF is on the phone, just before it is shown (e.g. to hide a loading toast). */
  onDownloaded?: () => void;
}

/** The name the customer sees when saving or forwarding the PDF; the BFF sends the same one. */
export const policyDocumentFileName = (policyNo: string): string => `${policyNo}.pdf`;

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/** The body of a failed download: wx.downloadFile saves whatever came back, here the JSON error. */
const readDownloadedText = (path: string): string => {
  try {
    const content = Taro.getFileSystemManager().readFileSync(path, 'utf8');
    return typeof content === 'string' ? content : '';
  } catch {
    return '';
  }
};

const downloadInWeapp = async (url: string, authorization: string): Promise<string> => {
  let result: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    result = await Taro.downloadFile({
      url,
      header: { Authorization: authorization, 'x-device-id': deviceId() },
      timeout: DOCUMENT_TIMEOUT_MS,
    });
  } catch {
    throw ApiError.client('NETWORK_ERROR');
  }
  if (result.statusCode !== 200) {
    const body = parseJson(readDownloadedText(result.tempFilePath));
    throw apiErrorOfAnswer(result.statusCode, body, headerValue(result.header, 'x-request-id'));
  }
  return result.tempFilePath;
};

/** weapp: download to a temp file, then WeChat's document viewer, whose menu forwards or saves it. */
const openInWeapp = async (url: string, options: OpenPolicyDocumentOptions): Promise<void> => {
  const filePath = await withSession((authorization) => downloadInWeapp(url, authorization));
  options.onDownloaded?.();
  try {
    await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
  } catch {
    throw ApiError.client('DOCUMENT_OPEN_FAILED');
  }
};

const fetchInH5 = async (url: string, authorization: string): Promise<Blob> => {
  const abort = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = abort ? setTimeout(() => abort.abort(), DOCUMENT_TIMEOUT_MS) : null;
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: authorization, 'x-device-id': deviceId() },
        signal: abort?.signal,
      });
    } catch {
      throw ApiError.client('NETWORK_ERROR');
    }
    if (response.status !== 200) {
      const body: unknown = await response.json().catch(() => null);
      throw apiErrorOfAnswer(response.status, body, response.headers.get('x-request-id') ?? '');
    }
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch {
      throw ApiError.client('NETWORK_ERROR');
    }
    // Typed as a PDF, so the browser shows it rather than offering an unknown file.
    return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
};

/** H5: the PDF in a new tab; if the browser blocks the pop-up, downloaded as `<policyNo>.pdf`. */
const showInH5 = (blob: Blob, policyNo: string): void => {
  let url: string;
  try {
    url = URL.createObjectURL(blob);
  } catch {
    throw ApiError.client('DOCUMENT_OPEN_FAILED');
  }
  // FitH: the browser's viewer fits the A4 page to the phone's width instead of opening it at 100 %.
  const opened = window.open(`${url}#view=FitH`, '_blank');
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = policyDocumentFileName(policyNo);
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
};

const openInH5 = async (url: string, policyNo: string, options: OpenPolicyDocumentOptions): Promise<void> => {
  const blob = await withSession((authorization) => fetchInH5(url, authorization));
  options.onDownloaded?.();
  showInH5(blob, policyNo);
};

/**
 * Opens the customer's e-policy (电子保单, a PDF) for `policyNo`: WeChat's document viewer in the
 * weapp, a new browser tab in H5. Needs the customer's session, like every consumer endpoint (so
 * H5 outside the simulator rejects with `WECHAT_REQUIRED`). Rejects with an `ApiError`: the BFF's
 * envelope (`POLICY_NOT_FOUND`, ...), `NETWORK_ERROR`, or `DOCUMENT_OPEN_FAILED`.
 */
export const openPolicyDocument = (policyNo: string, options: OpenPolicyDocumentOptions = {}): Promise<void> => {
  const url = `${apiBase()}${policyDocumentPath(policyNo)}`;
  return currentPlatform() === 'weapp' ? openInWeapp(url, options) : openInH5(url, policyNo, options);
};
