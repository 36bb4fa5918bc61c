import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EndpointFault, SimEndpoint } from '../../sim/index.js';
import { insuranceClaimReportInfos } from '../../src/integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../src/integrations/wechat-pay/wechat-pay.error.js';
import { businessNo, startHarness, waitFor, type Harness } from './support/conformance-harness.js';

const openid = 'oFaults0000000000000000001';

describe('simulator fault switches map to the adapters’ typed errors and retry classes', () => {
  let h: Harness;
  let paidOutTradeNo: string;
  let outBillNo: string;

  beforeAll(async () => {
    h = await startHarness();
    paidOutTradeNo = businessNo('F');
    const { prepayId } = await h.pay.gateway.createJsapiOrder({
      outTradeNo: paidOutTradeNo,
      description: '航班延误险',
      amountFen: 3000,
      openid,
    });
    h.sim.pay(prepayId, openid);
    outBillNo = businessNo('FB');
    await h.pay.transferBills.create(transfer(outBillNo));
  });
  afterAll(() => h.close());

  function transfer(no: string) {
    return {
      outBillNo: no,
      openid,
      amountFen: 1000,
      remark: '理赔',
      reportInfos: insuranceClaimReportInfos({ productFilingNo: 'C1', productName: '小安航班延误险', claimNo: no }),
    };
  }

  const calls: Record<string, () => Promise<unknown>> = {
    'pay.jsapi': () =>
      h.pay.gateway.createJsapiOrder({
        outTradeNo: businessNo('FJ'),
        description: '航班延误险',
        amountFen: 100,
        openid,
      }),
    'pay.query': () => h.pay.gateway.queryOrder(paidOutTradeNo),
    'pay.close': () => h.pay.gateway.closeOrder(businessNo('NX')),
    'refund.create': () =>
      h.pay.gateway.refund({ outTradeNo: paidOutTradeNo, outRefundNo: businessNo('FR'), refundFen: 1, totalFen: 3000 }),
    'transfer.create': () => h.pay.transferBills.create(transfer(businessNo('FC'))),
    'transfer.query': () => h.pay.transferBills.queryByOutBillNo(outBillNo),
    'transfer.cancel': () => h.pay.transferBills.cancel(businessNo('NX')),
  };

  const cases: [SimEndpoint, EndpointFault, string, number][] = [
    ['pay.jsapi', { kind: 'rate_limited' }, 'FREQUENCY_LIMITED', 429],
    ['pay.jsapi', { kind: 'system_error' }, 'SYSTEM_ERROR', 500],
    ['pay.query', { kind: 'system_error' }, 'SYSTEM_ERROR', 500],
    ['pay.close', { kind: 'bank_error' }, 'BANK_ERROR', 500],
    ['refund.create', { kind: 'not_enough' }, 'NOT_ENOUGH', 403],
    ['refund.create', { kind: 'rate_limited' }, 'FREQUENCY_LIMITED', 429],
    ['transfer.create', { kind: 'not_enough' }, 'NOT_ENOUGH', 403],
    ['transfer.create', { kind: 'rate_limited' }, 'FREQUENCY_LIMITED', 429],
    ['transfer.create', { kind: 'system_error' }, 'SYSTEM_ERROR', 500],
    ['transfer.query', { kind: 'rate_limited' }, 'FREQUENCY_LIMITED', 429],
    ['transfer.cancel', { kind: 'system_error' }, 'SYSTEM_ERROR', 500],
    ['pay.query', { kind: 'bad_response_signature' }, 'RESPONSE_SIGNATURE_INVALID', 200],
    ['transfer.query', { kind: 'bad_response_signature' }, 'RESPONSE_SIGNATURE_INVALID', 200],
    ['transfer.query', { kind: 'slow', delayMs: 2500 }, 'TIMEOUT', 0],
  ];

  it.each(cases)(
    '%s with %j fails once as %s (HTTP %i, retry_same), then the identical retry succeeds',
    async (endpoint, fault, code, status) => {
      h.sim.faults.set(endpoint, fault, { times: 1 });
      const error = await calls[endpoint]!().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WechatPayError);
      expect(error).toMatchObject({ code, httpStatus: status, retryClass: 'retry_same' });
      if (endpoint === 'pay.close' || endpoint === 'transfer.cancel') return; // these target unknown numbers on purpose
      await expect(calls[endpoint]!()).resolves.toBeDefined();
    },
  );

  it('answers slowly but in time when the delay is under the adapter timeout', async () => {
    h.sim.faults.set('pay.query', { kind: 'slow', delayMs: 300 }, { times: 1 });
    const started = Date.now();
    expect((await h.pay.gateway.queryOrder(paidOutTradeNo)).out_trade_no).toBe(paidOutTradeNo);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('can be armed over HTTP through the dev endpoint and cleared again', async () => {
    const arm = await fetch(`${h.sim.origin}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ endpoint: 'pay.query', fault: { kind: 'system_error' } }),
    });
    expect(arm.status).toBe(200);
    await expect(h.pay.gateway.queryOrder(paidOutTradeNo)).rejects.toMatchObject({ code: 'SYSTEM_ERROR' });
    await expect(h.pay.gateway.queryOrder(paidOutTradeNo)).rejects.toMatchObject({ code: 'SYSTEM_ERROR' });
    await fetch(`${h.sim.origin}/__sim/faults`, { method: 'DELETE' });
    await expect(h.pay.gateway.queryOrder(paidOutTradeNo)).resolves.toMatchObject({ out_trade_no: paidOutTradeNo });
  });

  it('classifies request mistakes as fix_request: a bad merchant signature gets 401 SIGN_ERROR', async () => {
    const { createWechatPayAdapters } = await import('../../src/integrations/wechat-pay/wechat-pay.adapters.js');
    const { generateKeyPairSync } = await import('node:crypto');
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const impostor = createWechatPayAdapters({ ...h.config, merchantPrivateKeyPem: wrongKey });
    await expect(impostor.gateway.queryOrder(paidOutTradeNo)).rejects.toMatchObject({
      code: 'SIGN_ERROR',
      httpStatus: 401,
      retryClass: 'fix_request',
    });
  });

  it('maps a network failure to NETWORK_ERROR, retry_same', async () => {
    const { createWechatPayAdapters } = await import('../../src/integrations/wechat-pay/wechat-pay.adapters.js');
    const nowhere = createWechatPayAdapters({ ...h.config, origin: 'http://127.0.0.1:9' });
    await expect(nowhere.gateway.queryOrder(paidOutTradeNo)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      httpStatus: 0,
      retryClass: 'retry_same',
    });
  });
});

describe('notification fault switches', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sim: { reorderDelayMs: 200 } });
  });
  afterAll(() => h.close());

  async function pay(prefix: string): Promise<string> {
    const outTradeNo = businessNo(prefix);
    const { prepayId } = await h.pay.gateway.createJsapiOrder({
      outTradeNo,
      description: '航班延误险',
      amountFen: 100,
      openid,
    });
    h.sim.pay(prepayId, openid);
    return outTradeNo;
  }
  const outTradeNoOf = async (rawBody: string, headers: Record<string, string | string[] | undefined>) =>
    (await h.pay.notifications.transaction(headers, rawBody)).resource.out_trade_no;

  it('drop: the callback never arrives, so only a query tells the BFF it was paid', async () => {
    h.sim.faults.setNotificationFault('drop', { times: 1 });
    const outTradeNo = await pay('DROP');
    await new Promise((r) => setTimeout(r, 150));
    const received = await Promise.all(h.receiver.received.map((r) => outTradeNoOf(r.rawBody, r.headers)));
    expect(received).not.toContain(outTradeNo);
    expect(h.sim.ledger.of('notification').filter((n) => n.outcome === 'dropped')).toHaveLength(1);
    expect((await h.pay.gateway.queryOrder(outTradeNo)).trade_state).toBe('SUCCESS');
  });

  it('duplicate: the same notification id arrives twice, concurrently', async () => {
    h.receiver.reset();
    h.sim.faults.setNotificationFault('duplicate', { times: 1 });
    const outTradeNo = await pay('DUP');
    await waitFor(() => (h.receiver.received.length >= 2 ? true : undefined));
    const ids = await Promise.all(
      h.receiver.received.map(async (r) => (await h.pay.notifications.transaction(r.headers, r.rawBody)).id),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(await outTradeNoOf(h.receiver.received[0]!.rawBody, h.receiver.received[0]!.headers)).toBe(outTradeNo);
  });

  it('reorder: a held-back notification arrives after a later one', async () => {
    h.receiver.reset();
    h.sim.faults.setNotificationFault('reorder', { times: 1 });
    const first = await pay('ORD');
    const second = await pay('ORD');
    await waitFor(() => (h.receiver.received.length >= 2 ? true : undefined));
    const order = await Promise.all(h.receiver.received.map((r) => outTradeNoOf(r.rawBody, r.headers)));
    expect(order).toEqual([second, first]);
  });
});
