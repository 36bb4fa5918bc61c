import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  insuranceClaimReportInfos,
  type CreateTransferBillInput,
} from '../../src/integrations/wechat-pay/transfer-bill.client.js';
import { businessNo, startHarness, verifiedCallback, waitFor, type Harness } from './support/conformance-harness.js';

const TRANSFER_PATH = '/api/v1/wechatpay/notify/transfer';

describe.each(['platform_certificate', 'public_key'] as const)(
  'transfer bills (商家转账) against the simulator, %s mode',
  (mode) => {
    let h: Harness;
    const openid = 'oClaimant00000000000000001';

    beforeAll(async () => {
      h = await startHarness({ sim: { signingMode: mode }, keyMode: mode });
    });
    afterAll(() => h.close());

    const claim = (
      outBillNo: string,
      amountFen = 20000,
      extra: Partial<CreateTransferBillInput> = {},
    ): CreateTransferBillInput => ({
      outBillNo,
      openid,
      amountFen,
      remark: '航班延误险理赔',
      reportInfos: insuranceClaimReportInfos({
        productFilingNo: 'C00001732612025112700001',
        productName: '小安航班延误险',
        claimNo: outBillNo,
      }),
      ...extra,
    });

    const finished = (outBillNo: string) =>
      verifiedCallback(
        h,
        TRANSFER_PATH,
        (hd, b) => h.pay.notifications.transferBill(hd, b),
        (r) => r.out_bill_no === outBillNo,
      );

    it('waits for the user, pays on confirmation, notifies SUCCESS and records one transfer', async () => {
      const outBillNo = businessNo('CLM');
      const created = await h.pay.transferBills.create(claim(outBillNo));
      expect(created).toMatchObject({ outBillNo, state: 'WAIT_USER_CONFIRM' });
      expect(created.packageInfo).toBeTruthy();

      // Re-creating returns the same bill with a fresh package.
      const again = await h.pay.transferBills.create(claim(outBillNo));
      expect(again.transferBillNo).toBe(created.transferBillNo);
      expect(again.packageInfo).not.toBe(created.packageInfo);

      expect(() =>
        h.sim.confirmTransfer({ package: again.packageInfo!, openid: 'oSomeoneElse0000000000000001' }),
      ).toThrow(/openid/);
      h.sim.confirmTransfer({ package: again.packageInfo!, openid });

      const notification = await finished(outBillNo);
      expect(notification.resource).toMatchObject({
        state: 'SUCCESS',
        mchid: h.config.mchid,
        transfer_amount: 20000,
        openid,
      });
      expect(notification.request.headers['wechatpay-serial']).toBe(
        mode === 'public_key' ? h.config.publicKeyId : h.sim.keys.platform.serial,
      );

      const byOut = await h.pay.transferBills.queryByOutBillNo(outBillNo);
      const byWechat = await h.pay.transferBills.queryByTransferBillNo(created.transferBillNo);
      expect(byOut).toMatchObject({ state: 'SUCCESS', amountFen: 20000 });
      expect(byWechat.outBillNo).toBe(outBillNo);
      const transfers = h.sim.ledger.of('transfer').filter((t) => t.outBillNo === outBillNo && t.state === 'SUCCESS');
      expect(transfers).toHaveLength(1);
      // A paid bill no longer offers a package.
      expect((await h.pay.transferBills.create(claim(outBillNo))).packageInfo).toBeUndefined();
    });

    it('ends FAIL when the payout fails after confirmation, and the money returns to the operating account', async () => {
      const before = h.sim.operatingBalance();
      const outBillNo = businessNo('FAIL');
      const created = await h.pay.transferBills.create(claim(outBillNo, 1000));
      expect(h.sim.operatingBalance()).toBe(before - 1000);
      h.sim.confirmTransfer({ package: created.packageInfo!, openid, outcome: 'FAIL', failReason: 'ACCOUNT_FROZEN' });
      expect((await finished(outBillNo)).resource).toMatchObject({ state: 'FAIL', fail_reason: 'ACCOUNT_FROZEN' });
      expect(h.sim.operatingBalance()).toBe(before);
    });

    it('cancels a waiting bill: CANCELING, then CANCELLED by query and notification', async () => {
      const outBillNo = businessNo('CNL');
      const created = await h.pay.transferBills.create(claim(outBillNo));
      const cancelled = await h.pay.transferBills.cancel(outBillNo);
      expect(['CANCELING', 'CANCELLED']).toContain(cancelled.state);
      expect((await finished(outBillNo)).resource.state).toBe('CANCELLED');
      expect((await h.pay.transferBills.queryByOutBillNo(outBillNo)).state).toBe('CANCELLED');
      expect(() => h.sim.confirmTransfer({ package: created.packageInfo!, openid })).toThrow(/CANCELLED/);
    });

    it('closes a bill the user did not confirm within 24 hours', async () => {
      const outBillNo = businessNo('EXP');
      await h.pay.transferBills.create(claim(outBillNo));
      h.sim.advanceTime(24 * 3600 - 60);
      expect((await h.pay.transferBills.queryByOutBillNo(outBillNo)).state).toBe('WAIT_USER_CONFIRM');
      h.sim.advanceTime(120);
      expect((await h.pay.transferBills.queryByOutBillNo(outBillNo)).state).toBe('CANCELLED');
      expect((await finished(outBillNo)).resource.state).toBe('CANCELLED');
    });

    it('rejects scene-1004 report infos that are not the three labels to the character', async () => {
      const infos = insuranceClaimReportInfos({
        productFilingNo: 'C0001',
        productName: '小安航班延误险',
        claimNo: 'X1',
      });
      const wrongLabel = infos.map((i, n) => (n === 1 ? { ...i, info_type: '保险名称 ' } : i));
      await expect(
        h.pay.transferBills.create(claim(businessNo('BAD'), 1000, { reportInfos: wrongLabel })),
      ).rejects.toMatchObject({ code: 'PARAM_ERROR', httpStatus: 400, retryClass: 'fix_request' });
      await expect(
        h.pay.transferBills.create(claim(businessNo('BAD'), 1000, { reportInfos: infos.slice(0, 2) })),
      ).rejects.toMatchObject({ code: 'PARAM_ERROR' });
      const tooLong = infos.map((i, n) => (n === 2 ? { ...i, info_content: 'X'.repeat(33) } : i));
      await expect(
        h.pay.transferBills.create(claim(businessNo('BAD'), 1000, { reportInfos: tooLong })),
      ).rejects.toMatchObject({ code: 'PARAM_ERROR' });
      await expect(
        h.pay.transferBills.create(claim(businessNo('BAD'), 1000, { userRecvPerception: '现金奖励' })),
      ).rejects.toMatchObject({ code: 'PARAM_ERROR' });
    });

    it('requires the encrypted real name from 2000 yuan and accepts it encrypted under the right key', async () => {
      await expect(h.pay.transferBills.create(claim(businessNo('BIG'), 200_000))).rejects.toMatchObject({
        code: 'PARAM_ERROR',
      });
      const withName = await h.pay.transferBills.create(claim(businessNo('BIG'), 200_000, { userName: '张三' }));
      expect(withName.state).toBe('WAIT_USER_CONFIRM');
    });

    it('rejects the same out_bill_no with different parameters', async () => {
      const outBillNo = businessNo('DUP');
      await h.pay.transferBills.create(claim(outBillNo, 1000));
      await expect(h.pay.transferBills.create(claim(outBillNo, 2000))).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
        retryClass: 'fix_request',
      });
    });

    it('answers NOT_ENOUGH (retry with the same out_bill_no) while the operating account is short', async () => {
      const balance = h.sim.operatingBalance();
      h.sim.setOperatingBalance(500);
      const outBillNo = businessNo('SHORT');
      await expect(h.pay.transferBills.create(claim(outBillNo, 1000))).rejects.toMatchObject({
        code: 'NOT_ENOUGH',
        httpStatus: 403,
        retryClass: 'retry_same',
      });
      h.sim.setOperatingBalance(balance);
      expect((await h.pay.transferBills.create(claim(outBillNo, 1000))).state).toBe('WAIT_USER_CONFIRM');
    });

    // The 100-per-second window itself is the limiter's unit test (sim/http/qps-limiter.spec.ts). Here the
    // SDK meets the refusal over HTTP; the limit is lowered so that the burst overruns it however slowly a
    // loaded machine signs and sends it (110 signed requests can take more than a second).
    it('refuses requests beyond the per-merchant QPS limit (create and query share it) with FREQUENCY_LIMITED, then serves again', async () => {
      await new Promise((r) => setTimeout(r, 1100));
      const outBillNo = businessNo('QPS');
      await h.pay.transferBills.create(claim(outBillNo, 1000));
      h.sim.setTransferQpsLimit(5);
      let results: PromiseSettledResult<unknown>[];
      try {
        results = await Promise.allSettled(
          Array.from({ length: 40 }, () => h.pay.transferBills.queryByOutBillNo(outBillNo)),
        );
      } finally {
        h.sim.setTransferQpsLimit(100);
      }
      const limited = results.filter(
        (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'FREQUENCY_LIMITED',
      );
      expect(limited.length).toBeGreaterThanOrEqual(10);
      expect(limited[0]).toMatchObject({ reason: { httpStatus: 429, retryClass: 'retry_same' } });
      await waitFor(async () => (await new Promise((r) => setTimeout(r, 1000)), true));
      expect((await h.pay.transferBills.queryByOutBillNo(outBillNo)).state).toBe('WAIT_USER_CONFIRM');
    });
  },
);
