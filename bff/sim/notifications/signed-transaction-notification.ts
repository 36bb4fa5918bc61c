import { randomUUID } from 'node:crypto';
import { WechatPaySigner } from '../crypto/wechatpay-signer.js';
import { encryptResource } from '../crypto/resource-cipher.js';
import type { RunningSimulator } from '../simulator.js';
import type { SimulatorKeys } from '../sim-keys.js';

export interface SignedNotification {
  id: string;
  body: string;
  headers: Record<string, string>;
}

export interface TransactionFacts {
  outTradeNo: string;
  amountFen: number;
  openid: string;
  appid?: string;
  mchid?: string;
  transactionId?: string;
  /** `amount.currency` (CNY unless given). */
  currency?: string;
  /** Leave `payer` out of the transaction. */
  omitPayer?: boolean;
}

/**
 * A TRANSACTION.SUCCESS callback signed and encrypted with the simulator's keys, exactly as WeChat
 * Pay sends it: for replays, concurrency and tampering tests, and for benchmarks that must sign
 * before the clock starts.
 */
const signers = new WeakMap<SimulatorKeys, WechatPaySigner>();

export const signedTransactionNotification = (
  sim: Pick<RunningSimulator, 'keys'>,
  facts: TransactionFacts,
  options: { id?: string; timestampSeconds?: number; forge?: boolean } = {},
): SignedNotification => {
  const keys = sim.keys;
  const transaction = {
    appid: facts.appid ?? keys.appid,
    mchid: facts.mchid ?? keys.mchid,
    out_trade_no: facts.outTradeNo,
    transaction_id: facts.transactionId ?? `4200${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    ...(facts.omitPayer ? {} : { payer: { openid: facts.openid } }),
    amount: {
      total: facts.amountFen,
      payer_total: facts.amountFen,
      currency: facts.currency ?? 'CNY',
      payer_currency: facts.currency ?? 'CNY',
    },
  };
  const id = options.id ?? randomUUID();
  const body = JSON.stringify({
    id,
    create_time: new Date().toISOString(),
    event_type: 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    summary: '支付成功',
    resource: {
      original_type: 'transaction',
      ...encryptResource(keys.apiV3Key, JSON.stringify(transaction), 'transaction'),
    },
  });
  let signer = signers.get(keys);
  if (!signer) {
    signer = new WechatPaySigner(keys, 'platform_certificate');
    signers.set(keys, signer);
  }
  const headers = signer.sign(body, {
    channel: 'notification',
    ...(options.forge ? { forge: true } : {}),
    ...(options.timestampSeconds !== undefined ? { timestampSeconds: options.timestampSeconds } : {}),
  });
  return { id, body, headers: { ...headers, 'content-type': 'application/json' } };
};

export const deliver = (baseUrl: string, notification: SignedNotification): Promise<Response> =>
  fetch(`${baseUrl}/api/v1/wechatpay/notify/transaction`, {
    method: 'POST',
    headers: notification.headers,
    body: notification.body,
  });
