import { createPrivateKey, createSign, randomBytes, type KeyObject } from 'node:crypto';
import { formatBeijingRfc3339 } from '@xiaoan/shared';
import type { z } from 'zod';
import { wechatPayNotifyUrls, type WechatPayConfig } from './wechat-pay.config.js';
import { WechatPayError } from './wechat-pay.error.js';
import {
  refundSchema,
  transactionSchema,
  type WechatPayRefund,
  type WechatPayTransaction,
} from './wechat-pay.schemas.js';
import type { WechatPaySdk } from './wechat-pay.sdk.js';
import type { WechatPayHttpResult } from './wechat-pay.transport.js';

/** What the mini-program passes to wx.requestPayment. */
export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface JsapiOrderInput {
  /** 6-32 of [0-9A-Za-z_-|*], unique per merchant; derived from the order record. */
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
  attach?: string;
  /** Cannot be changed when the same out_trade_no is placed again. */
  timeExpire?: Date;
}

export interface RefundInput {
  outTradeNo: string;
  /** The same number refunds only once. */
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
}

/**
 * JSAPI payments and refunds through `wechatpay-node-v3`, against WECHATPAY_ORIGIN.
 * Every answer is signature-checked by the transport; failures are WechatPayError.
 */
export class WechatPayGateway {
  private readonly notifyUrls: ReturnType<typeof wechatPayNotifyUrls>;
  private readonly merchantKey: KeyObject;

  constructor(
    private readonly sdk: WechatPaySdk,
    private readonly config: WechatPayConfig,
  ) {
    this.notifyUrls = wechatPayNotifyUrls(config);
    this.merchantKey = createPrivateKey(config.merchantPrivateKeyPem);
  }

  /**
   * Fresh requestPayment parameters for a prepay_id we already hold (valid 2 h), e.g. when the pay
   * page is reloaded: paySign is a local SHA256withRSA over `appId\ntimeStamp\nnonceStr\npackage\n`,
   * so no call to WeChat is needed.
   */
  requestPaymentParams(prepayId: string): RequestPaymentParams {
    const appId = this.config.appid;
    const timeStamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const pkg = `prepay_id=${prepayId}`;
    const paySign = createSign('RSA-SHA256')
      .update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`)
      .sign(this.merchantKey, 'base64');
    return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
  }

  /**
   * Places (or re-places, idempotently) a JSAPI order and returns the signed
   * requestPayment parameters. paySign = SHA256withRSA over `appId\ntimeStamp\nnonceStr\npackage\n`.
   * A resolved requestPayment is not proof of payment: wait for the notification or query.
   */
  async createJsapiOrder(input: JsapiOrderInput): Promise<RequestPaymentParams & { prepayId: string }> {
    const result = (await this.sdk.transactions_jsapi({
      description: input.description,
      out_trade_no: input.outTradeNo,
      notify_url: this.notifyUrls.transaction,
      amount: { total: input.amountFen, currency: 'CNY' },
      payer: { openid: input.openid },
      ...(input.attach !== undefined ? { attach: input.attach } : {}),
      ...(input.timeExpire ? { time_expire: toRfc3339(input.timeExpire) } : {}),
    })) as WechatPayHttpResult;
    const params = result.data as RequestPaymentParams;
    if (!params?.package?.startsWith('prepay_id='))
      throw new WechatPayError('UNEXPECTED_RESPONSE', 'no prepay_id in the JSAPI answer', result.status);
    return { ...params, signType: 'RSA', prepayId: params.package.slice('prepay_id='.length) };
  }

  async queryOrder(outTradeNo: string): Promise<WechatPayTransaction> {
    return parse(transactionSchema, await this.sdk.query({ out_trade_no: outTradeNo }));
  }

  async queryOrderByTransactionId(transactionId: string): Promise<WechatPayTransaction> {
    return parse(transactionSchema, await this.sdk.query({ transaction_id: transactionId }));
  }

  /** Closing is idempotent; a paid order cannot be closed (TRADE_ERROR, final). */
  async closeOrder(outTradeNo: string): Promise<void> {
    await this.sdk.close(outTradeNo);
  }

  async refund(input: RefundInput): Promise<WechatPayRefund> {
    return parse(
      refundSchema,
      await this.sdk.refunds({
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        ...(input.reason ? { reason: input.reason } : {}),
        notify_url: this.notifyUrls.refund,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      }),
    );
  }

  async queryRefund(outRefundNo: string): Promise<WechatPayRefund> {
    return parse(refundSchema, await this.sdk.find_refunds(outRefundNo));
  }
}

export function parse<S extends z.ZodType>(schema: S, result: unknown): z.infer<S> {
  const { data, status } = result as WechatPayHttpResult;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new WechatPayError('UNEXPECTED_RESPONSE', parsed.error.message, status);
  return parsed.data;
}

/** WeChat wants RFC 3339 with an offset; Beijing time reads best in their console. */
function toRfc3339(date: Date): string {
  return formatBeijingRfc3339(date);
}
