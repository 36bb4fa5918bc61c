import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { CollectClaimResponse } from '@xiaoan/shared';
import { ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { canIUseAnswers, modals } from '../../test/shims/taro';
import { ApiError } from './api-error';
import { confirmTransfer, requestMerchantTransfer } from './transfer';

const bill: CollectClaimResponse = {
  mchId: '1900000109',
  appId: 'wxapp0001',
  package: 'affffddafdfafddffda==',
  openId: 'oUser0001',
};

type Callbacks = { success: (r: { errMsg: string }) => void; fail: (e: { errMsg: string }) => void };
const globalWithWx = globalThis as { wx?: unknown };

/** The weapp's `wx.requestMerchantTransfer`, answering through one of its callbacks. */
const installWx = (answer: (callbacks: Callbacks) => void) => {
  const api = jest.fn((option: Record<string, unknown>) => answer(option as unknown as Callbacks));
  globalWithWx.wx = { requestMerchantTransfer: api };
  return api;
};

afterEach(() => {
  delete globalWithWx.wx;
});

describe('transfer', () => {
  describe('in the weapp', () => {
    it('resolves when wx.requestMerchantTransfer calls success, with the bill from collect', async () => {
      process.env.TARO_ENV = 'weapp';
      const api = installWx(({ success }) => success({ errMsg: 'requestMerchantTransfer:ok' }));
      const http = stubApi({});

      await expect(confirmTransfer(bill)).resolves.toEqual({ kind: 'submitted' });

      expect(api).toHaveBeenCalledTimes(1);
      expect(api.mock.calls[0]![0]).toMatchObject({
        mchId: '1900000109',
        appId: 'wxapp0001',
        package: 'affffddafdfafddffda==',
        openId: 'oUser0001',
      });
      expect(http.calls).toHaveLength(0);
    });

    it('rejects when wx.requestMerchantTransfer calls fail', async () => {
      process.env.TARO_ENV = 'weapp';
      installWx(({ fail }) => fail({ errMsg: 'requestMerchantTransfer:fail system error' }));

      await expect(requestMerchantTransfer(bill)).rejects.toEqual({
        errMsg: 'requestMerchantTransfer:fail system error',
      });
      await expect(confirmTransfer(bill)).rejects.toMatchObject({ code: 'TRANSFER_FAILED' });
    });

    it('tells a closed receive sheet apart from a failure', async () => {
      process.env.TARO_ENV = 'weapp';
      installWx(({ fail }) => fail({ errMsg: 'requestMerchantTransfer:fail cancel' }));

      await expect(confirmTransfer(bill)).resolves.toEqual({ kind: 'cancelled' });
    });

    it('asks to upgrade WeChat when the base library has no requestMerchantTransfer', async () => {
      process.env.TARO_ENV = 'weapp';

      await expect(confirmTransfer(bill)).rejects.toMatchObject({ code: 'WECHAT_UPGRADE_REQUIRED' });
      expect(modals).toEqual([expect.objectContaining({ title: '请升级微信' })]);
    });

    it('trusts canIUse over a stub that an old client may carry', async () => {
      process.env.TARO_ENV = 'weapp';
      const api = installWx(({ success }) => success({ errMsg: 'requestMerchantTransfer:ok' }));
      canIUseAnswers.set('requestMerchantTransfer', false);

      await expect(confirmTransfer(bill)).rejects.toMatchObject({ code: 'WECHAT_UPGRADE_REQUIRED' });
      expect(api).not.toHaveBeenCalled();
    });
  });

  describe('in H5', () => {
    it('confirms through the simulator when the deployment runs on it, and claims no more than "submitted"', async () => {
      const api = stubApi({ ...sessionRoutes(true), 'POST /api/dev/sim/confirm-transfer': () => ({ status: 204 }) });

      await expect(confirmTransfer(bill)).resolves.toEqual({ kind: 'submitted' });

      const [confirm] = api.callsTo('POST /api/dev/sim/confirm-transfer');
      expect(confirm?.body).toEqual({ package: 'affffddafdfafddffda==' });
      expect(confirm?.headers.Authorization).toBe('Bearer token-1');
    });

    it('refuses honestly without the simulator and never calls the confirm endpoint', async () => {
      const api = stubApi({ ...sessionRoutes(false), 'POST /api/dev/sim/confirm-transfer': () => ok({}) });

      const error = await confirmTransfer(bill).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('WECHAT_REQUIRED');
      expect((error as ApiError).message).toBe('请在微信中打开领取赔款');
      expect(api.callsTo('POST /api/dev/sim/confirm-transfer')).toHaveLength(0);
    });
  });
});
