import { randomBytes } from 'node:crypto';
import { paramError, V3Error } from '../http/v3-error.js';
import type { SimContext } from '../sim-context.js';
import { toBeijingRfc3339 } from '../state/sim-clock.js';
import { checkNotifyUrl, parseJsapiOrder, type JsapiOrderRequest } from './jsapi-order-rules.js';

type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

interface Order {
  request: JsapiOrderRequest;
  /** Canonical form of the parameters that must not change between re-submissions. */
  fingerprint: string;
  tradeState: TradeState;
  transactionId?: string;
  successTime?: number;
  refunded: number;
  /** What WeChat reports as paid when it deviates from the order (see PaymentAnomaly). */
  paid?: { total: number; currency: string; payerOpenid: string | null };
}

/**
 * A payment that does not match the order placed: a broken integration or a channel reporting
 * another amount, currency or payer. The transaction (notification and query alike) then carries
 * these facts, and a refund must quote the amount really paid.
 */
export interface PaymentAnomaly {
  total?: number;
  currency?: string;
  /** Another payer's openid, or null for a transaction without `payer`. */
  payerOpenid?: string | null;
}

interface Refund {
  refundId: string;
  outRefundNo: string;
  order: Order;
  amount: { refund: number; total: number; currency: string };
  reason?: string;
  notifyUrl?: string;
  status: RefundStatus;
  createTime: number;
  successTime?: number;
  fingerprint: string;
}

/** Prepay ids are valid for 2 hours (wechat.md §3). */
const PREPAY_TTL_MS = 2 * 3600_000;

/** JSAPI orders, their prepays, payments and refunds. */
export class PayBook {
  private readonly orders = new Map<string, Order>();
  private readonly prepays = new Map<string, { order: Order; expiresAt: number }>();
  private readonly refunds = new Map<string, Refund>();
  private nextRefundOutcome: RefundStatus = 'SUCCESS';

  constructor(
    private readonly ctx: SimContext,
    private readonly refundSettleDelayMs: number,
  ) {}

  placeJsapiOrder(body: Record<string, unknown>): { prepay_id: string } {
    const request = parseJsapiOrder(this.ctx, body);
    const fingerprint = JSON.stringify([
      request.appid,
      request.description,
      request.notify_url,
      request.time_expire ?? null,
      request.attach ?? null,
      request.amount,
      request.payer.openid,
    ]);
    let order = this.orders.get(request.out_trade_no);
    if (order) {
      // Identical re-submission yields a fresh prepay_id; anything changed is OUT_TRADE_NO_USED.
      if (order.fingerprint !== fingerprint) throw new V3Error('OUT_TRADE_NO_USED', '商户订单号重复，且参数不一致');
      if (order.tradeState === 'CLOSED') throw new V3Error('ORDER_CLOSED', '订单已关闭');
      if (order.tradeState !== 'NOTPAY') throw new V3Error('OUT_TRADE_NO_USED', '订单已支付');
    } else {
      order = { request, fingerprint, tradeState: 'NOTPAY', refunded: 0 };
      this.orders.set(request.out_trade_no, order);
    }
    const prepayId = `wx${randomBytes(16).toString('hex')}`;
    this.prepays.set(prepayId, { order, expiresAt: this.ctx.clock.now() + PREPAY_TTL_MS });
    this.ctx.ledger.record({
      kind: 'prepay',
      at: Date.now(),
      prepayId,
      outTradeNo: request.out_trade_no,
      total: request.amount.total,
      openid: request.payer.openid,
    });
    return { prepay_id: prepayId };
  }

  /** The phone's side of wx.requestPayment: the user pays prepay_id X. */
  pay(prepayId: string, openid?: string, anomaly?: PaymentAnomaly): Record<string, unknown> {
    const prepay = this.prepays.get(prepayId);
    if (!prepay) throw new V3Error('ORDER_NOT_EXIST', 'prepay_id不存在');
    const { order } = prepay;
    if (this.ctx.clock.now() > prepay.expiresAt) throw new V3Error('INVALID_REQUEST', 'prepay_id已过期');
    if (openid && openid !== order.request.payer.openid)
      throw new V3Error('INVALID_REQUEST', '支付用户与下单用户(payer.openid)不一致');
    if (order.tradeState === 'CLOSED') throw new V3Error('ORDER_CLOSED', '订单已关闭');
    if (order.tradeState !== 'NOTPAY') throw new V3Error('INVALID_REQUEST', '订单已支付');
    if (order.request.time_expire && this.ctx.clock.now() > Date.parse(order.request.time_expire))
      throw new V3Error('ORDER_CLOSED', '订单已过期');
    order.tradeState = 'SUCCESS';
    order.transactionId = `4200${randomDigits(24)}`;
    order.successTime = this.ctx.clock.now();
    if (anomaly) {
      order.paid = {
        total: anomaly.total ?? order.request.amount.total,
        currency: anomaly.currency ?? 'CNY',
        payerOpenid: anomaly.payerOpenid === undefined ? order.request.payer.openid : anomaly.payerOpenid,
      };
    }
    const paid = this.paidFacts(order);
    this.ctx.ledger.record({
      kind: 'payment',
      at: Date.now(),
      outTradeNo: order.request.out_trade_no,
      transactionId: order.transactionId,
      total: paid.total,
      openid: paid.payerOpenid ?? order.request.payer.openid,
      ...(paid.currency !== 'CNY' ? { currency: paid.currency } : {}),
    });
    const transaction = this.transactionView(order);
    this.ctx.notifier.enqueue({
      url: order.request.notify_url,
      eventType: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      resource: transaction,
    });
    return transaction;
  }

  queryByOutTradeNo(outTradeNo: string, mchid: string | undefined): Record<string, unknown> {
    if (mchid !== this.ctx.keys.mchid) throw paramError('mchid', '缺少或不匹配');
    const order = this.orders.get(outTradeNo);
    if (!order) throw new V3Error('ORDER_NOT_EXIST', '订单不存在');
    return this.transactionView(order);
  }

  queryByTransactionId(transactionId: string, mchid: string | undefined): Record<string, unknown> {
    if (mchid !== this.ctx.keys.mchid) throw paramError('mchid', '缺少或不匹配');
    const order = [...this.orders.values()].find((o) => o.transactionId === transactionId);
    if (!order) throw new V3Error('ORDER_NOT_EXIST', '订单不存在');
    return this.transactionView(order);
  }

  close(outTradeNo: string, body: Record<string, unknown>): void {
    if (body.mchid !== this.ctx.keys.mchid) throw paramError('mchid', '缺少或不匹配');
    const order = this.orders.get(outTradeNo);
    if (!order) throw new V3Error('ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND')
      throw new V3Error('TRADE_ERROR', '订单已支付，不能关闭');
    if (order.tradeState !== 'CLOSED') {
      order.tradeState = 'CLOSED';
      this.ctx.ledger.record({ kind: 'order_closed', at: Date.now(), outTradeNo });
    }
  }

  refund(body: Record<string, unknown>): Record<string, unknown> {
    const outRefundNo = body.out_refund_no;
    if (typeof outRefundNo !== 'string' || !/^[0-9A-Za-z_\-|*@]{1,64}$/.test(outRefundNo))
      throw paramError('out_refund_no', '缺少或格式错误');
    const order =
      typeof body.out_trade_no === 'string'
        ? this.orders.get(body.out_trade_no)
        : typeof body.transaction_id === 'string'
          ? [...this.orders.values()].find((o) => o.transactionId === body.transaction_id)
          : undefined;
    if (!order) throw new V3Error('RESOURCE_NOT_EXISTS', '订单不存在');
    const amount = body.amount as { refund?: unknown; total?: unknown; currency?: unknown } | undefined;
    if (!Number.isInteger(amount?.refund) || (amount!.refund as number) <= 0)
      throw paramError('amount.refund', '须为正整数(分)');
    const paidTotal = this.paidFacts(order).total;
    if (amount!.total !== paidTotal) throw paramError('amount.total', '与原订单金额不一致');
    if (body.notify_url !== undefined) checkNotifyUrl(this.ctx, String(body.notify_url));
    const fingerprint = JSON.stringify([order.request.out_trade_no, amount!.refund, amount!.total]);
    const existing = this.refunds.get(outRefundNo);
    if (existing) {
      // The same out_refund_no refunds only once; repeating it returns the same refund.
      if (existing.fingerprint !== fingerprint) throw new V3Error('INVALID_REQUEST', '退款单号已存在但信息不一致');
      return this.refundView(existing);
    }
    if (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND')
      throw new V3Error('INVALID_REQUEST', '订单未支付，不能退款');
    if (order.refunded + (amount!.refund as number) > paidTotal)
      throw new V3Error('INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const refund: Refund = {
      refundId: `5030${randomDigits(25)}`,
      outRefundNo,
      order,
      amount: { refund: amount!.refund as number, total: paidTotal, currency: 'CNY' },
      ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
      ...(typeof body.notify_url === 'string' ? { notifyUrl: body.notify_url } : {}),
      status: 'PROCESSING',
      createTime: this.ctx.clock.now(),
      fingerprint,
    };
    order.refunded += refund.amount.refund;
    this.refunds.set(outRefundNo, refund);
    const outcome = this.nextRefundOutcome;
    this.nextRefundOutcome = 'SUCCESS';
    setTimeout(() => this.settleRefund(refund, outcome), this.refundSettleDelayMs).unref();
    return this.refundView(refund);
  }

  queryRefund(outRefundNo: string): Record<string, unknown> {
    const refund = this.refunds.get(outRefundNo);
    if (!refund) throw new V3Error('RESOURCE_NOT_EXISTS', '退款单不存在');
    return this.refundView(refund);
  }

  /** Makes the next refund end ABNORMAL or CLOSED instead of SUCCESS. */
  setNextRefundOutcome(outcome: RefundStatus): void {
    this.nextRefundOutcome = outcome;
  }

  private settleRefund(refund: Refund, outcome: RefundStatus): void {
    refund.status = outcome;
    if (outcome === 'SUCCESS') {
      refund.successTime = this.ctx.clock.now();
      refund.order.tradeState = 'REFUND';
    } else {
      refund.order.refunded -= refund.amount.refund;
    }
    // A refund goes back the way the money came: to the transaction's payer.
    const payer = this.paidFacts(refund.order).payerOpenid ?? refund.order.request.payer.openid;
    this.ctx.ledger.record({
      kind: 'refund',
      at: Date.now(),
      outRefundNo: refund.outRefundNo,
      refundId: refund.refundId,
      outTradeNo: refund.order.request.out_trade_no,
      refund: refund.amount.refund,
      status: outcome,
      openid: payer,
    });
    if (!refund.notifyUrl) return;
    const order = refund.order;
    this.ctx.notifier.enqueue({
      url: refund.notifyUrl,
      eventType: `REFUND.${outcome}` as 'REFUND.SUCCESS',
      summary: outcome === 'SUCCESS' ? '退款成功' : outcome === 'CLOSED' ? '退款关闭' : '退款异常',
      originalType: 'refund',
      resource: {
        mchid: this.ctx.keys.mchid,
        out_trade_no: order.request.out_trade_no,
        transaction_id: order.transactionId,
        out_refund_no: refund.outRefundNo,
        refund_id: refund.refundId,
        refund_status: outcome,
        ...(refund.successTime ? { success_time: toBeijingRfc3339(refund.successTime) } : {}),
        user_received_account: '支付用户零钱',
        amount: {
          total: refund.amount.total,
          refund: refund.amount.refund,
          payer_total: refund.amount.total,
          payer_refund: refund.amount.refund,
        },
      },
    });
  }

  private paidFacts(order: Order): { total: number; currency: string; payerOpenid: string | null } {
    return (
      order.paid ?? { total: order.request.amount.total, currency: 'CNY', payerOpenid: order.request.payer.openid }
    );
  }

  private transactionView(order: Order): Record<string, unknown> {
    const paid = order.transactionId !== undefined;
    const facts = this.paidFacts(order);
    return {
      appid: order.request.appid,
      mchid: order.request.mchid,
      out_trade_no: order.request.out_trade_no,
      ...(paid ? { transaction_id: order.transactionId } : {}),
      trade_type: 'JSAPI',
      trade_state: order.tradeState,
      trade_state_desc: TRADE_STATE_DESC[order.tradeState],
      ...(paid ? { bank_type: 'OTHERS', success_time: toBeijingRfc3339(order.successTime!) } : {}),
      ...(order.request.attach !== undefined ? { attach: order.request.attach } : {}),
      ...(facts.payerOpenid !== null ? { payer: { openid: facts.payerOpenid } } : {}),
      amount: paid
        ? { total: facts.total, payer_total: facts.total, currency: facts.currency, payer_currency: facts.currency }
        : { total: order.request.amount.total, currency: 'CNY' },
    };
  }

  private refundView(refund: Refund): Record<string, unknown> {
    return {
      refund_id: refund.refundId,
      out_refund_no: refund.outRefundNo,
      transaction_id: refund.order.transactionId,
      out_trade_no: refund.order.request.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      ...(refund.successTime ? { success_time: toBeijingRfc3339(refund.successTime) } : {}),
      create_time: toBeijingRfc3339(refund.createTime),
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: refund.amount.total,
        refund: refund.amount.refund,
        payer_total: refund.amount.total,
        payer_refund: refund.amount.refund,
        settlement_refund: refund.amount.refund,
        settlement_total: refund.amount.total,
        discount_refund: 0,
        currency: 'CNY',
      },
    };
  }
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  REVOKED: '已撤销',
  USERPAYING: '用户支付中',
  PAYERROR: '支付失败',
};

function randomDigits(n: number): string {
  return Array.from(randomBytes(n), (b) => String(b % 10)).join('');
}
