import Taro from '@tarojs/taro';
import type { CollectClaimResponse } from '@xiaoan/shared';
import { z } from 'zod';
import { ApiError } from './api-error';
import { loadAppConfig } from './app-config';
import { request } from './http';
import { currentPlatform } from './platform';

/**
 * What confirming a transfer bill reports. As with paying, there is no "paid": the success
 * callback of `wx.requestMerchantTransfer` is not proof (wechat.md §5). The claim turns `paid`
 * only when WeChat's transfer notification reaches the BFF, so the caller always polls the claim.
 */
export type TransferOutcome =
  /** The user went through WeChat's receive sheet; poll the claim for the result. */
  | { kind: 'submitted' }
  /** The user closed the sheet without receiving; the red packet can be opened again. */
  | { kind: 'cancelled' };

/** The callback-style `wx.requestMerchantTransfer` (base library ≥ 3.3.0), absent from Taro's typings. */
interface MerchantTransferCallbackResult {
  errMsg: string;
}
interface MerchantTransferOption {
  mchId: string;
  appId: string;
  /** The transfer bill's `package_info`. */
  package: string;
  openId?: string;
  success?: (result: MerchantTransferCallbackResult) => void;
  fail?: (error: MerchantTransferCallbackResult) => void;
}
interface WxWithMerchantTransfer {
  requestMerchantTransfer?: (option: MerchantTransferOption) => void;
}
// The weapp's global `wx` (a free identifier there; `globalThis` is missing on older engines).
declare const wx: WxWithMerchantTransfer | undefined;

const merchantTransferApi = (): ((option: MerchantTransferOption) => void) | null => {
  const host = typeof wx === 'undefined' ? undefined : wx;
  const api = host?.requestMerchantTransfer;
  if (typeof api !== 'function') return null;
  // WeChat's own sample asks canIUse first: a 3.2 client may carry a stub that never answers.
  try {
    if (typeof Taro.canIUse === 'function' && !Taro.canIUse('requestMerchantTransfer')) return null;
  } catch {
    return null;
  }
  return api.bind(host);
};

/** The wrapped `wx.requestMerchantTransfer`: one promise, settled by whichever callback fires. */
export const requestMerchantTransfer = (bill: CollectClaimResponse): Promise<MerchantTransferCallbackResult> => {
  const api = merchantTransferApi();
  if (!api) {
    void Taro.showModal({
      title: '请升级微信',
      content: '当前微信版本过低，无法领取赔款。请升级到最新版本后再打开小程序领取。',
      showCancel: false,
      confirmText: '知道了',
    }).catch(() => undefined);
    return Promise.reject(ApiError.client('WECHAT_UPGRADE_REQUIRED'));
  }
  return new Promise((resolve, reject) => {
    api({
      mchId: bill.mchId,
      appId: bill.appId,
      package: bill.package,
      openId: bill.openId,
      success: resolve,
      fail: reject,
    });
  });
};

const transferInWeapp = async (bill: CollectClaimResponse): Promise<TransferOutcome> => {
  try {
    await requestMerchantTransfer(bill);
    return { kind: 'submitted' };
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const errMsg = (error as { errMsg?: unknown } | undefined)?.errMsg;
    if (typeof errMsg === 'string' && errMsg.includes('cancel')) return { kind: 'cancelled' };
    throw ApiError.client('TRANSFER_FAILED');
  }
};

/** H5 outside the simulator: said plainly, never a pretend "received". */
export const transferRefusal = (): ApiError =>
  new ApiError({ code: 'WECHAT_REQUIRED', message: '请在微信中打开领取赔款', requestId: '', status: 0 });

/**
 * H5 has no WeChat. With the simulator, its dev endpoint plays the user's tap on 确认收款 and the
 * simulator then sends the BFF the real signed transfer notification.
 */
const transferInH5 = async (bill: CollectClaimResponse): Promise<TransferOutcome> => {
  const config = await loadAppConfig();
  if (!config.simulator) throw transferRefusal();
  await request(z.unknown(), '/api/dev/sim/confirm-transfer', {
    method: 'POST',
    data: { package: bill.package },
    auth: true,
  });
  return { kind: 'submitted' };
};

/** Shows WeChat's receive sheet for the bill (or its simulator stand-in). Poll the claim afterwards. */
export const confirmTransfer = (bill: CollectClaimResponse): Promise<TransferOutcome> =>
  currentPlatform() === 'weapp' ? transferInWeapp(bill) : transferInH5(bill);

/** Can this build receive a payout at all? Asked before a bill is created, so H5 refuses first. */
export const canReceiveTransferHere = async (): Promise<boolean> =>
  currentPlatform() === 'weapp' || (await loadAppConfig()).simulator;
