import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ClaimDetail } from '@xiaoan/shared';
import { aClaimDetail, aFlightEvidence, aTransferBill, CLAIM_ID } from '../../../../test/support/claim.builder';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import type { FakeResponse } from '../../../../test/support/fake-fetch';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import { CLAIM_POLLING } from '../../../features/claim/hooks/use-claim-collect';
import { SESSION_STORAGE_KEY } from '../../../services/session';
import ClaimDetailPage from './index';

const claimRoute = `GET /api/v1/claims/${CLAIM_ID}`;
const collectRoute = `POST /api/v1/claims/${CLAIM_ID}/collect`;
const confirmRoute = 'POST /api/dev/sim/confirm-transfer';

const offered = (overrides: Partial<ClaimDetail> = {}) =>
  aClaimDetail({ status: 'offered', collectable: false, ...overrides });
const paid = () =>
  aClaimDetail({
    status: 'paid',
    collectable: false,
    paidAt: '2026-12-01T16:40:12+08:00',
    timeline: [
      ...aClaimDetail().timeline,
      { at: '2026-12-01T16:40:00+08:00', title: '已领取，等待到账' },
      { at: '2026-12-01T16:40:12+08:00', title: '赔款已到账', detail: '¥200.00 已转入微信零钱' },
    ],
  });

/** The BFF's answers to successive GETs of the claim, the last one repeated. */
const claimSequence = (...answers: (ClaimDetail | (() => Promise<FakeResponse>))[]) => {
  let index = 0;
  return () => {
    const answer = answers[Math.min(index++, answers.length - 1)]!;
    return typeof answer === 'function' ? answer() : ok(answer);
  };
};

const deferred = () => {
  let resolve: (value: FakeResponse) => void = () => undefined;
  const promise = new Promise<FakeResponse>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

const saved = { ...CLAIM_POLLING };
beforeEach(() => {
  CLAIM_POLLING.intervalMs = 5;
  CLAIM_POLLING.maxWaitMs = 2_000;
});
afterEach(() => {
  Object.assign(CLAIM_POLLING, saved);
});

const openClaim = () => {
  setRouterParams({ id: CLAIM_ID });
  return render(<ClaimDetailPage />);
};

const tapOpen = async () => fireEvent.click(await screen.findByRole('button', { name: '拆红包' }));

describe('claim detail', () => {
  it('shows a loading state first', () => {
    stubApi({ ...sessionRoutes(), [claimRoute]: () => new Promise<FakeResponse>(() => undefined) });

    openClaim();

    expect(screen.getByText('正在加载理赔…')).toBeInTheDocument();
  });

  it('renders the evidence card and the evidence timeline', async () => {
    stubApi({ ...sessionRoutes(), [claimRoute]: () => ok(aClaimDetail()) });

    const { container } = openClaim();

    const evidence = (await screen.findByText('✈ MU5101')).closest('.claim-evidence') as HTMLElement;
    expect(within(evidence).getByText('14:05')).toBeInTheDocument();
    expect(within(evidence).getByText('16:31')).toBeInTheDocument();
    expect(within(evidence).getByText('均为北京时间')).toBeInTheDocument();
    expect(within(evidence).getByText('✓ 达到 120 分钟赔付条件')).toBeInTheDocument();
    expect(within(evidence).getByText('赔付线 120 分钟')).toBeInTheDocument();
    expect(within(evidence).getByText('计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120')).toBeInTheDocument();
    expect(within(evidence).getByText('到达延误≥120分钟，或航班取消、备降')).toBeInTheDocument();
    // Plain words: no product-version codes, provider event ids or request ids on the customer's screen.
    expect(container.textContent).not.toMatch(/FD120 v\d|evt-|SIM-|poll-|req-test|请求编号/i);
    expect(evidence.querySelector('.delay-bar')).toHaveAttribute('data-met', 'true');

    const items = Array.from(container.querySelectorAll('.claim-timeline__item'));
    expect(items.map((item) => item.querySelector('.claim-timeline__title')?.textContent)).toEqual([
      '收到航班到达数据',
      '自动理赔通过',
      '已发送理赔通知',
    ]);
    expect(items[0]?.querySelector('.claim-timeline__time')).toHaveTextContent('12月1日 16:31');
    expect(items[2]).toHaveClass('claim-timeline__item--latest');

    const packet = container.querySelector('.red-packet') as HTMLElement;
    expect(within(packet).getByText('¥200.00')).toBeInTheDocument();
    expect(within(packet).getByRole('button', { name: '拆红包' })).toHaveTextContent('拆');
    expect(container.querySelector('.claim-status')).toHaveAttribute('data-status', 'approved');
  });

  it('opens the red packet: collect, confirm in the simulator, 到账中 until the BFF says paid, then 已到账', async () => {
    const lastPoll = deferred();
    const api = stubApi({
      ...sessionRoutes(true),
      [claimRoute]: claimSequence(aClaimDetail(), offered(), () => lastPoll.promise),
      [collectRoute]: () => ok(aTransferBill()),
      [confirmRoute]: () => ({ status: 204 }),
    });
    const { container } = openClaim();

    await tapOpen();

    expect(await screen.findByText('到账中…')).toBeInTheDocument();
    expect(container.querySelector('.red-packet--paid')).toBeNull();
    lastPoll.resolve(ok(paid()));

    const packet = await waitFor(() => {
      const element = container.querySelector<HTMLElement>('.red-packet--paid');
      expect(element).not.toBeNull();
      return element!;
    });
    expect(within(packet).getByText('已到账')).toBeInTheDocument();
    expect(within(packet).getByText('¥200.00')).toBeInTheDocument();
    expect(within(packet).getByText('已存入微信零钱 · 12月1日 16:40')).toBeInTheDocument();
    expect(container.querySelector('.claim-status')).toHaveAttribute('data-status', 'paid');
    expect(screen.getByText('赔款已到账')).toBeInTheDocument();

    const [collect] = api.callsTo(collectRoute);
    expect(collect?.headers.Authorization).toBe('Bearer token-1');
    expect(api.callsTo(confirmRoute)[0]?.body).toEqual({ package: aTransferBill().package });
    // Collect, then confirm, then the polls: the confirm's answer is never taken as payment.
    const order = api.calls
      .map((call) => `${call.method} ${call.path}`)
      .filter((route) => route !== 'GET /api/v1/app-config');
    expect(order.indexOf(collectRoute)).toBeLessThan(order.indexOf(confirmRoute));
    expect(order.slice(order.indexOf(confirmRoute) + 1).every((route) => route === claimRoute)).toBe(true);
    expect(api.callsTo(claimRoute)).toHaveLength(3);
  });

  it('says the claim cannot be collected now, in the server’s words, and shows what it has become', async () => {
    stubApi({
      ...sessionRoutes(),
      [claimRoute]: claimSequence(aClaimDetail(), paid()),
      [collectRoute]: () => fail(409, 'CLAIM_NOT_COLLECTABLE', '这笔理赔款当前不可领取'),
      [confirmRoute]: () => ({ status: 204 }),
    });
    const { container } = openClaim();

    await tapOpen();

    expect(await screen.findByText('这笔理赔款当前不可领取')).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('.red-packet--paid')).not.toBeNull());
  });

  it('asks to try later when payouts are busy, and keeps the red packet ready to open', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      [claimRoute]: () => ok(aClaimDetail()),
      [collectRoute]: () => fail(503, 'PAYOUT_BUSY', '领取的人太多了，请稍后再试'),
      [confirmRoute]: () => ({ status: 204 }),
    });
    openClaim();

    await tapOpen();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('领取的人太多了，请稍后再试');
    expect(alert).not.toHaveTextContent('req-test-1');
    expect(screen.getByRole('button', { name: '拆红包' })).not.toBeDisabled();
    expect(api.callsTo(confirmRoute)).toHaveLength(0);
  });

  it('refuses on H5 without the simulator before any transfer bill is created', async () => {
    storage.set(SESSION_STORAGE_KEY, { token: 'kept', expiresAt: '2099-01-01T00:00:00+08:00' });
    const api = stubApi({
      ...sessionRoutes(false),
      [claimRoute]: () => ok(aClaimDetail()),
      [collectRoute]: () => ok(aTransferBill()),
    });
    openClaim();

    await tapOpen();

    expect(await screen.findByText('请在微信中打开领取赔款')).toBeInTheDocument();
    expect(api.callsTo(collectRoute)).toHaveLength(0);
    expect(api.callsTo(confirmRoute)).toHaveLength(0);
  });

  it('offers 重新领取 after the transfer fails, and does not take the old failure for the new attempt', async () => {
    const failed = aClaimDetail({ status: 'failed', collectable: true });
    const api = stubApi({
      ...sessionRoutes(),
      // Before the BFF has the new bill the claim still reads failed; then offered; then paid.
      [claimRoute]: claimSequence(failed, failed, offered(), paid()),
      [collectRoute]: () => ok(aTransferBill()),
      [confirmRoute]: () => ({ status: 204 }),
    });
    const { container } = openClaim();

    expect(await screen.findByText('领取失败·可重领')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '重新领取' }));

    await waitFor(() => expect(container.querySelector('.red-packet--paid')).not.toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.callsTo(collectRoute)).toHaveLength(1);
  });

  it('tells the customer when WeChat reports the transfer failed, and lets them collect again', async () => {
    stubApi({
      ...sessionRoutes(),
      [claimRoute]: claimSequence(
        aClaimDetail(),
        offered(),
        aClaimDetail({
          status: 'failed',
          collectable: true,
          timeline: [...aClaimDetail().timeline, { at: '2026-12-01T16:41:00+08:00', title: '转账失败' }],
        }),
      ),
      [collectRoute]: () => ok(aTransferBill()),
      [confirmRoute]: () => ({ status: 204 }),
    });
    openClaim();

    await tapOpen();

    expect(await screen.findByText('赔款未能转入微信零钱，已为您保留，可重新领取')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重新领取' })).toBeInTheDocument();
    expect(screen.getByText('领取失败·可重领')).toBeInTheDocument();
  });

  it('keeps waiting for a transfer confirmed earlier, and says so honestly when it takes too long', async () => {
    CLAIM_POLLING.maxWaitMs = 40;
    stubApi({ ...sessionRoutes(), [claimRoute]: () => ok(offered()) });
    const { container } = openClaim();

    expect(await screen.findByText('到账中…')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '拆红包' })).toBeNull();
    expect(await screen.findByText('到账确认中')).toBeInTheDocument();
    expect(container.querySelector('.red-packet')).toHaveAttribute('data-phase', 'timeout');
    expect(screen.getByRole('button', { name: '刷新到账结果' })).toBeInTheDocument();
  });

  it('in the weapp, confirms with wx.requestMerchantTransfer and keeps the red packet when the sheet is closed', async () => {
    process.env.TARO_ENV = 'weapp';
    const sheets: Record<string, unknown>[] = [];
    (globalThis as { wx?: unknown }).wx = {
      requestMerchantTransfer: (option: Record<string, unknown> & { fail: (e: { errMsg: string }) => void }) => {
        sheets.push(option);
        option.fail({ errMsg: 'requestMerchantTransfer:fail cancel' });
      },
    };
    const api = stubApi({
      'POST /api/v1/auth/wechat-login': () => ok({ token: 't-wx', expiresAt: '2099-01-01T00:00:00Z' }),
      [claimRoute]: () => ok(aClaimDetail()),
      [collectRoute]: () => ok(aTransferBill()),
    });
    try {
      openClaim();
      await tapOpen();

      expect(await screen.findByText('您已取消领取，赔款仍为您保留，可随时再领')).toBeInTheDocument();
      expect(sheets).toEqual([
        expect.objectContaining({
          mchId: '1900000109',
          appId: 'wxapp0001',
          package: aTransferBill().package,
          openId: 'oDev0001',
        }),
      ]);
      expect(screen.getByRole('button', { name: '拆红包' })).not.toBeDisabled();
      expect(api.callsTo(claimRoute)).toHaveLength(1);
    } finally {
      delete (globalThis as { wx?: unknown }).wx;
    }
  });

  it('explains a claim under manual review instead of showing a red packet', async () => {
    stubApi({
      ...sessionRoutes(),
      [claimRoute]: () =>
        ok(
          aClaimDetail({
            status: 'manual_review',
            collectable: false,
            evidence: aFlightEvidence({ outcome: 'no_final_status', actualArrival: null, delayMinutes: null }),
          }),
        ),
    });
    const { container } = openClaim();

    expect(await screen.findByText('人工审核中', { selector: '.claim-outcome__title' })).toBeInTheDocument();
    expect(container.querySelector('.red-packet')).toBeNull();
    expect(screen.getByText('计划 14:05 到达 · 超过 6 小时仍无最终状态')).toBeInTheDocument();
  });

  it('gives the reason a claim was rejected', async () => {
    stubApi({
      ...sessionRoutes(),
      [claimRoute]: () =>
        ok(
          aClaimDetail({
            status: 'rejected',
            collectable: false,
            rejectedReason: '实际延误 90 分钟，未达到 120 分钟赔付条件',
          }),
        ),
    });

    openClaim();

    expect(await screen.findByText('实际延误 90 分钟，未达到 120 分钟赔付条件')).toBeInTheDocument();
  });

  it("shows the server's message when the claim is not the customer's", async () => {
    stubApi({ ...sessionRoutes(), [claimRoute]: () => fail(404, 'CLAIM_NOT_FOUND', '没有找到这笔理赔') });

    openClaim();

    expect(await screen.findByText('没有找到这笔理赔')).toBeInTheDocument();
    // Asking again would get the same answer: 返回, not 重试.
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(routeCalls).toEqual([{ kind: 'switchTab', url: '/pages/home/index' }]);
  });

  it('links to the policy', async () => {
    stubApi({ ...sessionRoutes(), [claimRoute]: () => ok(aClaimDetail()) });
    openClaim();

    fireEvent.click(await screen.findByText('XAFD120202612010001'));

    expect(routeCalls).toEqual([
      { kind: 'navigateTo', url: '/packages/policy/detail/index?policyNo=XAFD120202612010001' },
    ]);
  });

  it('shares a paid claim as a card to the shop carrying the sharer’s invite code, without the amount', async () => {
    const { share } = await import('../../../../test/shims/taro');
    storage.set(SESSION_STORAGE_KEY, { token: 'tok', expiresAt: '2099-01-01T00:00:00+08:00' });
    stubApi({
      ...sessionRoutes(),
      [claimRoute]: () => ok(paid()),
      'GET /api/v1/campaigns/me/invite': () =>
        ok({ inviteCode: 'ABCDEFGH', sharePath: '/pages/home/index?ic=ABCDEFGH' }),
    });
    openClaim();
    await screen.findByText('赔款已到账');
    await waitFor(() => expect(share.handler?.().path).toBe('/pages/home/index?ic=ABCDEFGH'));
    expect(share.handler!().title).toBe(`我的${paid().productName}已自动赔付到账`);
    expect(share.handler!().title).not.toMatch(/¥|元/);
  });
});
