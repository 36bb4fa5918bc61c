import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { errorEnvelope } from '../../../../test/support/fake-fetch';
import { weappCalls, weappFakes, weappFiles, type DownloadFileOption } from '../../../../test/shims/taro';
import { apiBase } from '../../../services/api-base';
import { ApiError } from '../../../services/api-error';
import { openPolicyDocument } from './policy-document';

const POLICY_NO = 'XAFD120202612010001';
const DOCUMENT_ROUTE = `GET /api/v1/policies/${POLICY_NO}/document`;
const PDF_BYTES = '%PDF-1.7 电子保单';
const BLOB_URL = 'blob:http://app.test/3f1c0a52-policy';

const aPdf = () => ({
  status: 200,
  body: new Blob([PDF_BYTES], { type: 'application/pdf' }),
  headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${POLICY_NO}.pdf"` },
});

const rejection = async (promise: Promise<unknown>): Promise<ApiError> => {
  const error = await promise.then(
    () => {
      throw new Error('expected openPolicyDocument to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
};

/** jsdom's Blob has no text(): read it the old way. */
const textOf = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

describe('openPolicyDocument', () => {
  describe('in H5', () => {
    // jsdom implements neither blob: URLs nor window.open.
    const urlApi = URL as unknown as { createObjectURL?: unknown; revokeObjectURL?: unknown };
    let createObjectURL: jest.Mock<(blob: Blob) => string>;
    let revokeObjectURL: jest.Mock<(url: string) => void>;
    let windowOpen: jest.SpiedFunction<typeof window.open>;

    beforeEach(() => {
      createObjectURL = jest.fn((_blob: Blob) => BLOB_URL);
      revokeObjectURL = jest.fn((_url: string) => undefined);
      urlApi.createObjectURL = createObjectURL;
      urlApi.revokeObjectURL = revokeObjectURL;
      windowOpen = jest.spyOn(window, 'open').mockImplementation(() => ({}) as Window);
    });

    afterEach(() => {
      delete urlApi.createObjectURL;
      delete urlApi.revokeObjectURL;
      windowOpen.mockRestore();
      jest.useRealTimers();
    });

    it('fetches the PDF with the bearer token and opens it as a blob: URL in a new tab', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      const api = stubApi({ ...sessionRoutes(true), [DOCUMENT_ROUTE]: () => aPdf() });
      const onDownloaded = jest.fn();

      await openPolicyDocument(POLICY_NO, { onDownloaded });

      const [call] = api.callsTo(DOCUMENT_ROUTE);
      expect(call?.headers.Authorization).toBe('Bearer token-1');
      expect(onDownloaded).toHaveBeenCalledTimes(1);
      expect(createObjectURL).toHaveBeenCalledTimes(1);
      const blob = createObjectURL.mock.calls[0]![0];
      expect(blob.type).toBe('application/pdf');
      await expect(textOf(blob)).resolves.toBe(PDF_BYTES);
      expect(windowOpen).toHaveBeenCalledWith(`${BLOB_URL}#view=FitH`, '_blank');

      // The URL outlives the call long enough for the new tab to load it, then is released.
      expect(revokeObjectURL).not.toHaveBeenCalled();
      jest.advanceTimersByTime(60_000);
      expect(revokeObjectURL).toHaveBeenCalledWith(BLOB_URL);
    });

    it('downloads it as <policyNo>.pdf when the browser blocks the new tab', async () => {
      stubApi({ ...sessionRoutes(true), [DOCUMENT_ROUTE]: () => aPdf() });
      windowOpen.mockImplementation(() => null);
      const clicked: { href: string; download: string; attached: boolean }[] = [];
      const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
      });

      try {
        await openPolicyDocument(POLICY_NO);
      } finally {
        click.mockRestore();
      }

      expect(windowOpen).toHaveBeenCalledWith(`${BLOB_URL}#view=FitH`, '_blank');
      expect(clicked).toEqual([{ href: BLOB_URL, download: `${POLICY_NO}.pdf`, attached: true }]);
      expect(document.querySelector('a[download]')).toBeNull();
    });

    it("rejects with the BFF's error envelope and opens nothing", async () => {
      stubApi({
        ...sessionRoutes(true),
        [DOCUMENT_ROUTE]: () => ({
          status: 404,
          body: errorEnvelope('POLICY_NOT_FOUND', '没有查到该保单，请核对保单号和被保险人姓名', 'req-404'),
        }),
      });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('POLICY_NOT_FOUND');
      expect(error.message).toBe('没有查到该保单，请核对保单号和被保险人姓名');
      expect(error.requestId).toBe('req-404');
      expect(error.status).toBe(404);
      expect(createObjectURL).not.toHaveBeenCalled();
      expect(windowOpen).not.toHaveBeenCalled();
    });

    it('turns an answer without our envelope into a generic error for the customer', async () => {
      stubApi({
        ...sessionRoutes(true),
        [DOCUMENT_ROUTE]: () => ({
          status: 502,
          body: '<html>Bad Gateway</html>',
          headers: { 'X-Request-Id': 'req-gw' },
        }),
      });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.requestId).toBe('req-gw');
      expect(error.status).toBe(502);
    });

    it('reports no answer at all as NETWORK_ERROR', async () => {
      stubApi({ ...sessionRoutes(true), [DOCUMENT_ROUTE]: () => new TypeError('Failed to fetch') });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('NETWORK_ERROR');
    });

    it('refuses outside WeChat without the simulator, like every consumer call, and never asks for the PDF', async () => {
      const api = stubApi({ ...sessionRoutes(false), [DOCUMENT_ROUTE]: () => aPdf() });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('WECHAT_REQUIRED');
      expect(api.callsTo(DOCUMENT_ROUTE)).toHaveLength(0);
      expect(windowOpen).not.toHaveBeenCalled();
    });
  });

  describe('in the weapp', () => {
    const documentUrl = () => `${apiBase()}/api/v1/policies/${POLICY_NO}/document`;

    /** wx.downloadFile answering `status` with `body` saved to a temp file. */
    const downloadAnswers = (...answers: { status: number; body: string }[]) => {
      let index = 0;
      weappFakes.downloadFile = async (_option: DownloadFileOption) => {
        const answer = answers[Math.min(index, answers.length - 1)]!;
        index += 1;
        const tempFilePath = `wxfile://tmp_${index}`;
        weappFiles.set(tempFilePath, answer.body);
        return { statusCode: answer.status, tempFilePath, errMsg: 'downloadFile:ok' };
      };
    };
    const callsOf = (api: string) => weappCalls.filter((call) => call.api === api);

    beforeEach(() => {
      process.env.TARO_ENV = 'weapp';
    });

    it('downloads the PDF with the bearer token and opens it in the document viewer with its menu', async () => {
      stubApi(sessionRoutes());
      downloadAnswers({ status: 200, body: PDF_BYTES });
      const onDownloaded = jest.fn();

      await openPolicyDocument(POLICY_NO, { onDownloaded });

      expect(callsOf('downloadFile')).toEqual([
        {
          api: 'downloadFile',
          option: expect.objectContaining({
            url: documentUrl(),
            header: { Authorization: 'Bearer token-1', 'x-device-id': expect.stringMatching(/^d-[0-9a-f-]{36}$/) },
          }),
        },
      ]);
      expect(onDownloaded).toHaveBeenCalledTimes(1);
      expect(callsOf('openDocument')).toEqual([
        { api: 'openDocument', option: { filePath: 'wxfile://tmp_1', fileType: 'pdf', showMenu: true } },
      ]);
    });

    it('logs in again once on 401, then rejects with the error read from the downloaded file', async () => {
      stubApi(sessionRoutes());
      downloadAnswers({
        status: 401,
        body: JSON.stringify(errorEnvelope('UNAUTHENTICATED', '登录已失效，请重新登录', 'req-401')),
      });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toBe('登录已失效，请重新登录');
      expect(error.requestId).toBe('req-401');
      expect(error.status).toBe(401);
      expect(callsOf('login')).toHaveLength(2);
      expect(callsOf('downloadFile')).toHaveLength(2);
      expect(callsOf('openDocument')).toHaveLength(0);
    });

    it('opens the PDF with the fresh token when the first one had expired', async () => {
      let logins = 0;
      stubApi({
        ...sessionRoutes(),
        'POST /api/v1/auth/wechat-login': () =>
          ok({ token: `token-${++logins}`, expiresAt: '2099-01-01T00:00:00+08:00' }),
      });
      downloadAnswers(
        { status: 401, body: JSON.stringify(errorEnvelope('UNAUTHENTICATED', '登录已失效，请重新登录')) },
        { status: 200, body: PDF_BYTES },
      );

      await openPolicyDocument(POLICY_NO);

      const headers = callsOf('downloadFile').map((call) => (call.option as DownloadFileOption).header?.Authorization);
      expect(headers).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(callsOf('openDocument')).toEqual([
        { api: 'openDocument', option: { filePath: 'wxfile://tmp_2', fileType: 'pdf', showMenu: true } },
      ]);
    });

    it('gives a generic error when the downloaded error is not our JSON envelope', async () => {
      stubApi(sessionRoutes());
      downloadAnswers({ status: 502, body: '<html>Bad Gateway</html>' });

      const error = await rejection(openPolicyDocument(POLICY_NO));

      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.status).toBe(502);
      expect(callsOf('openDocument')).toHaveLength(0);
    });

    it('reports a failed download as NETWORK_ERROR and a viewer that cannot open it as DOCUMENT_OPEN_FAILED', async () => {
      stubApi(sessionRoutes());
      weappFakes.downloadFile = () => Promise.reject({ errMsg: 'downloadFile:fail timeout' });
      expect((await rejection(openPolicyDocument(POLICY_NO))).code).toBe('NETWORK_ERROR');

      downloadAnswers({ status: 200, body: PDF_BYTES });
      weappFakes.openDocument = () => Promise.reject({ errMsg: 'openDocument:fail filetype not supported' });
      const error = await rejection(openPolicyDocument(POLICY_NO));
      expect(error.code).toBe('DOCUMENT_OPEN_FAILED');
      expect(error.message).toBe('电子保单暂时打不开，请稍后重试');
    });
  });
});
