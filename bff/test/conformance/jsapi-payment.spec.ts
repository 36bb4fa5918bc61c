import { createVerify, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WechatPayError } from '../../src/integrations/wechat-pay/wechat-pay.error.js';
import { businessNo, startHarness, verifiedCallback, type Harness } from './support/conformance-harness.js';

describe('WeChat Pay JSAPI payments against the simulator', () => {
  let h: Harness;
  const openid = 'oPayer000000000000000000001';

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const order = (outTradeNo: string, amountFen = 1990) => ({
    outTradeNo,
    description: '航班延误险-单程',
    amountFen,
    openid,
    attach: 'policy:P1',
  });

  it('returns requestPayment parameters whose paySign verifies with the merchant certificate', async () => {
    const params = await h.pay.gateway.createJsapiOrder(order(businessNo('PAY')));
    expect(params.package).toMatch(/^prepay_id=wx[0-9a-f]+$/);
    expect(params.signType).toBe('RSA');
    expect(params.timeStamp).toMatch(/^\d{10}$/);
    const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
    const merchantKey = new X509Certificate(h.config.merchantCertPem).publicKey;
    expect(createVerify('RSA-SHA256').update(message).verify(merchantKey, params.paySign, 'base64')).toBe(true);
  });

  it('gives a fresh prepay_id for an identical re-submission and OUT_TRADE_NO_USED for changed parameters', async () => {
    const outTradeNo = businessNo('IDEM');
    const first = await h.pay.gateway.createJsapiOrder(order(outTradeNo));
    const second = await h.pay.gateway.createJsapiOrder(order(outTradeNo));
    expect(second.prepayId).not.toBe(first.prepayId);
    const changed = await h.pay.gateway.createJsapiOrder(order(outTradeNo, 2990)).catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(WechatPayError);
    expect(changed).toMatchObject({ code: 'OUT_TRADE_NO_USED', httpStatus: 403, retryClass: 'fix_request' });
  });

  it('is paid only when the user pays: notification and query both say SUCCESS, and the ledger shows one payment', async () => {
    const outTradeNo = businessNo('PAID');
    const { prepayId } = await h.pay.gateway.createJsapiOrder(order(outTradeNo));
    expect((await h.pay.gateway.queryOrder(outTradeNo)).trade_state).toBe('NOTPAY');

    h.sim.pay(prepayId, openid);
    const mine = await verifiedCallback(
      h,
      '/api/v1/wechatpay/notify/transaction',
      (hd, body) => h.pay.notifications.transaction(hd, body),
      (t) => t.out_trade_no === outTradeNo,
    );
    expect(mine.resource).toMatchObject({
      trade_state: 'SUCCESS',
      attach: 'policy:P1',
      payer: { openid },
      amount: { total: 1990 },
    });

    const queried = await h.pay.gateway.queryOrder(outTradeNo);
    expect(queried).toMatchObject({ trade_state: 'SUCCESS', transaction_id: mine.resource.transaction_id });
    expect(await h.pay.gateway.queryOrderByTransactionId(mine.resource.transaction_id!)).toMatchObject({
      out_trade_no: outTradeNo,
    });
    expect(h.sim.ledger.of('payment').filter((p) => p.outTradeNo === outTradeNo)).toHaveLength(1);
    // A second tap on the same prepay cannot pay twice.
    expect(() => h.sim.pay(prepayId, openid)).toThrow(/已支付/);
  });

  it('closes an unpaid order idempotently; a closed order cannot be re-placed or paid', async () => {
    const outTradeNo = businessNo('CLOSE');
    const { prepayId } = await h.pay.gateway.createJsapiOrder(order(outTradeNo));
    await h.pay.gateway.closeOrder(outTradeNo);
    await h.pay.gateway.closeOrder(outTradeNo);
    expect((await h.pay.gateway.queryOrder(outTradeNo)).trade_state).toBe('CLOSED');
    await expect(h.pay.gateway.createJsapiOrder(order(outTradeNo))).rejects.toMatchObject({
      code: 'ORDER_CLOSED',
      retryClass: 'final',
    });
    expect(() => h.sim.pay(prepayId, openid)).toThrow(/关闭/);
  });

  it('answers ORDER_NOT_EXIST for an unknown order', async () => {
    await expect(h.pay.gateway.queryOrder(businessNo('NONE'))).rejects.toMatchObject({
      code: 'ORDER_NOT_EXIST',
      httpStatus: 404,
      retryClass: 'final',
    });
  });

  it('refunds once per out_refund_no and delivers a verifiable REFUND.SUCCESS notification', async () => {
    const outTradeNo = businessNo('RFD');
    const { prepayId } = await h.pay.gateway.createJsapiOrder(order(outTradeNo, 5000));
    h.sim.pay(prepayId, openid);
    const outRefundNo = businessNo('R');
    const refund = await h.pay.gateway.refund({
      outTradeNo,
      outRefundNo,
      refundFen: 2000,
      totalFen: 5000,
      reason: '犹豫期退保',
    });
    expect(refund).toMatchObject({
      out_refund_no: outRefundNo,
      status: 'PROCESSING',
      amount: { refund: 2000, total: 5000 },
    });
    const again = await h.pay.gateway.refund({
      outTradeNo,
      outRefundNo,
      refundFen: 2000,
      totalFen: 5000,
      reason: '犹豫期退保',
    });
    expect(again.refund_id).toBe(refund.refund_id);

    const callback = await h.receiver.next(
      (r) => r.path === '/api/v1/wechatpay/notify/refund' && r.rawBody.includes('REFUND.SUCCESS'),
    );
    const verified = await h.pay.notifications.refund(callback.headers, callback.rawBody);
    expect(verified.resource).toMatchObject({
      out_refund_no: outRefundNo,
      refund_status: 'SUCCESS',
      amount: { refund: 2000 },
    });
    expect((await h.pay.gateway.queryRefund(outRefundNo)).status).toBe('SUCCESS');
    expect((await h.pay.gateway.queryOrder(outTradeNo)).trade_state).toBe('REFUND');
    expect(h.sim.ledger.of('refund').filter((r) => r.outRefundNo === outRefundNo)).toHaveLength(1);

    await expect(
      h.pay.gateway.refund({ outTradeNo, outRefundNo: businessNo('R'), refundFen: 3001, totalFen: 5000 }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', retryClass: 'fix_request' });
  });

  it('notifies REFUND.ABNORMAL when the refund cannot reach the user', async () => {
    const outTradeNo = businessNo('RAB');
    const { prepayId } = await h.pay.gateway.createJsapiOrder(order(outTradeNo, 800));
    h.sim.pay(prepayId, openid);
    h.sim.setNextRefundOutcome('ABNORMAL');
    const outRefundNo = businessNo('RA');
    await h.pay.gateway.refund({ outTradeNo, outRefundNo, refundFen: 800, totalFen: 800 });
    const callback = await h.receiver.next((r) => r.rawBody.includes('REFUND.ABNORMAL'));
    expect((await h.pay.notifications.refund(callback.headers, callback.rawBody)).resource).toMatchObject({
      out_refund_no: outRefundNo,
      refund_status: 'ABNORMAL',
    });
  });
});
