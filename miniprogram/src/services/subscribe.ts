import Taro from '@tarojs/taro';
import type { SubscriptionReport } from '@xiaoan/shared';
import { z } from 'zod';
import { ApiError } from './api-error';
import { peekAppConfig } from './app-config';
import { request } from './http';
import { currentPlatform } from './platform';

export type SubscribeResult = SubscriptionReport['result'];

const RESULTS: readonly SubscribeResult[] = ['accept', 'reject', 'ban', 'filter'];

const askInWeapp = async (templateId: string): Promise<SubscribeResult> => {
  try {
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds: [templateId],
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, unknown>;
    const result = answer[templateId];
    return RESULTS.includes(result as SubscribeResult) ? (result as SubscribeResult) : 'reject';
  } catch {
    throw ApiError.client('SUBSCRIBE_FAILED');
  }
};

const askInH5 = async (templateId: string): Promise<SubscribeResult> => {
  // The config is loaded before the button shows; H5 has no tap-only rule, so awaiting is fine.
  if (!peekAppConfig()?.simulator) throw ApiError.client('WECHAT_REQUIRED');
  await request(z.unknown(), '/api/dev/sim/subscribe', {
    method: 'POST',
    data: { templateIds: [templateId] },
    auth: true,
  });
  return 'accept';
};

/**
 * Asks the user for one subscribe message and tells the BFF the answer (each accept allows one
 * send). WeChat only shows the prompt from a tap or a payment callback: call this directly from
 * the tap handler, with nothing awaited before it.
 */
export const requestSubscription = async (templateId: string): Promise<SubscribeResult> => {
  const result = await (currentPlatform() === 'weapp' ? askInWeapp(templateId) : askInH5(templateId));
  const report: SubscriptionReport = { templateId, result };
  await request(z.unknown(), '/api/v1/me/subscriptions', { method: 'POST', data: report, auth: true });
  return result;
};
