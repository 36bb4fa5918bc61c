import Taro from '@tarojs/taro';
import type { Order } from '@xiaoan/shared';
import { z } from 'zod';
import { ApiError } from './api-error';
import { loadAppConfig } from './app-config';
import { request } from './http';
import { currentPlatform } from './platform';

/**
 * What the payment step reports. There is deliberately no "paid": a resolved
 * `wx.requestPayment` is not proof of payment (wechat.md §3). Only the BFF knows, from the
 * signed notification or its own query, so the caller always polls the order next.
 */
export type PayOutcome =
  /** The user went through the payment sheet; poll the order for the result. */
  | { kind: 'submitted' }
  /** The user closed the payment sheet. */
  | { kind: 'cancelled' };

const prepayIdOf = (order: Order): string => {
  if (!order.payment) throw ApiError.client('PAYMENT_FAILED');
  return order.payment.package.replace(/^prepay_id=/, '');
};

const payInWeapp = async (order: Order): Promise<PayOutcome> => {
  if (!order.payment) throw ApiError.client('PAYMENT_FAILED');
  const { timeStamp, nonceStr, package: pkg, signType, paySign } = order.payment;
  try {
    await Taro.requestPayment({ timeStamp, nonceStr, package: pkg, signType, paySign });
    return { kind: 'submitted' };
  } catch (error) {
    const errMsg = (error as { errMsg?: unknown } | undefined)?.errMsg;
    if (typeof errMsg === 'string' && errMsg.includes('cancel')) return { kind: 'cancelled' };
    throw ApiError.client('PAYMENT_FAILED');
  }
};

/**
 * H5 has no WeChat Pay. In development the simulator plays the user's phone: it confirms the
 * prepay and sends the BFF the real signed notification. Without the simulator we refuse:
 * a production H5 build never pretends a payment succeeded.
 */
const payInH5 = async (order: Order): Promise<PayOutcome> => {
  const config = await loadAppConfig();
  if (!config.simulator) throw ApiError.client('WECHAT_REQUIRED');
  await request(z.unknown(), '/api/dev/sim/pay', {
    method: 'POST',
    data: { prepayId: prepayIdOf(order) },
    auth: true,
  });
  return { kind: 'submitted' };
};

export const payOrder = (order: Order): Promise<PayOutcome> =>
  currentPlatform() === 'weapp' ? payInWeapp(order) : payInH5(order);

/** For the pay button's label and notice: can this build pay at all? */
export const canPayHere = async (): Promise<boolean> =>
  currentPlatform() === 'weapp' || (await loadAppConfig()).simulator;
