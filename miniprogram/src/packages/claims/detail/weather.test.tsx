import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ClaimDetail } from '@xiaoan/shared';
import {
  aHeatClaimDetail,
  aHeatEvidence,
  aRainClaimDetail,
  aRainEvidence,
  aTransferBill,
  CLAIM_ID,
} from '../../../../test/support/claim.builder';
import { freezeClock, freezeClockInEachTest } from '../../../../test/support/clock';
import { ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { setRouterParams } from '../../../../test/shims/taro';
import { CLAIM_POLLING } from '../../../features/claim/hooks/use-claim-collect';
import ClaimDetailPage from './index';

freezeClockInEachTest();

const claimRoute = `GET /api/v1/claims/${CLAIM_ID}`;
const collectRoute = `POST /api/v1/claims/${CLAIM_ID}/collect`;
const confirmRoute = 'POST /api/dev/sim/confirm-transfer';

const saved = { ...CLAIM_POLLING };
beforeEach(() => {
  CLAIM_POLLING.intervalMs = 5;
  CLAIM_POLLING.maxWaitMs = 2_000;
});
afterEach(() => {
  Object.assign(CLAIM_POLLING, saved);
});

const openClaim = async (...answers: ClaimDetail[]) => {
  let index = 0;
  const api = stubApi({
    ...sessionRoutes(),
    [claimRoute]: () => ok(answers[Math.min(index++, answers.length - 1)]),
    [collectRoute]: () => ok(aTransferBill()),
    [confirmRoute]: () => ({ status: 204 }),
  });
  setRouterParams({ id: CLAIM_ID });
  const view = render(<ClaimDetailPage />);
  await waitFor(() => expect(view.container.querySelector('.red-packet, .claim-outcome')).not.toBeNull());
  return { ...view, api };
};

const bars = (container: HTMLElement) =>
  Array.from(container.querySelectorAll<HTMLElement>('.heat-chart .heat-chart__bar'));

describe('HEAT37 claim detail: the season chart and the hot days', () => {
  it('draws one bar per settled day, hot days highlighted and coloured by deductible or paying', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const { container } = await openClaim(aHeatClaimDetail());

    const all = bars(container);
    expect(all).toHaveLength(20);
    expect(all.map((bar) => bar.getAttribute('data-date'))).toEqual(
      [...all.map((bar) => bar.getAttribute('data-date'))].sort(),
    );
    const byDate = new Map(all.map((bar) => [bar.getAttribute('data-date'), bar]));
    // A counted hot day inside the deductible, a paying one, a mild day, and a hot day in the waiting period.
    expect(byDate.get('2027-07-01')).toHaveAttribute('data-hot', 'true');
    expect(byDate.get('2027-07-01')).toHaveClass('heat-chart__bar--deductible');
    expect(byDate.get('2027-07-09')).toHaveClass('heat-chart__bar--paying');
    expect(byDate.get('2027-07-04')).toHaveAttribute('data-hot', 'false');
    expect(byDate.get('2027-07-04')).toHaveClass('heat-chart__bar--mild');
    expect(byDate.get('2027-06-22')).toHaveAttribute('data-hot', 'true');
    expect(byDate.get('2027-06-22')).toHaveClass('heat-chart__bar--uncounted');
    expect(all.filter((bar) => bar.getAttribute('data-hot') === 'true')).toHaveLength(9);
    expect(container.querySelectorAll('.heat-chart__bar--paying')).toHaveLength(2);
    expect(container.querySelectorAll('.heat-chart .heat-chart__bar--deductible')).toHaveLength(6);

    // Height by temperature over 28-42 °C: 40.1 °C is (40.1 − 28) / 14 of the plot.
    expect(byDate.get('2027-07-09')!.style.height).toBe(`${((40.1 - 28) / 14) * 100}%`);
    // The 37 °C line at (37 − 28) / 14, labelled; the deductible marker after the 6th hot day.
    const line = container.querySelector<HTMLElement>('.heat-chart__line')!;
    expect(line.style.bottom).toBe(`${((37 - 28) / 14) * 100}%`);
    expect(within(line).getByText('37°C 高温线')).toBeInTheDocument();
    expect(screen.getByText('免赔 6 天')).toBeInTheDocument();
    // Dates on the axis: the first day, the first of July and the last day.
    expect(Array.from(container.querySelectorAll('.heat-chart__axis-label')).map((el) => el.textContent)).toEqual([
      '6/21',
      '7/1',
      '7/10',
    ]);
    expect(container.textContent).not.toMatch(/57494|HEAT37 v\d/);
  });

  it('lists the hot days counted with their reading, number and what each added, and sums it up in words', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const { container } = await openClaim(aHeatClaimDetail({ paidFen: 1_000, collectable: true }));

    const items = Array.from(container.querySelectorAll<HTMLElement>('.heat-days__item'));
    expect(items).toHaveLength(8);
    expect(items[0]).toHaveTextContent('7月1日37.2°C第1个高温日免赔');
    expect(items[6]).toHaveTextContent('7月9日40.1°C第7个高温日+¥10.00');
    expect(items[6]).toHaveClass('heat-days__item--paying');
    expect(screen.getByText('已计 8 个高温日，免赔 6 天，已累计 ¥20.00，已领取 ¥10.00')).toBeInTheDocument();
    expect(container.querySelector('.heat-chart')).toHaveAttribute(
      'aria-label',
      '已计 8 个高温日，免赔 6 天，已累计 ¥20.00，已领取 ¥10.00',
    );
  });

  it('reads a bar out when it is tapped', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const { container } = await openClaim(aHeatClaimDetail());

    fireEvent.click(container.querySelector('.heat-chart__bar[data-date="2027-07-10"]')!);
    expect(screen.getByText('7月10日 最高 37.3°C · 第8个高温日 · +¥10.00')).toBeInTheDocument();
    fireEvent.click(container.querySelector('.heat-chart__bar[data-date="2027-06-22"]')!);
    expect(screen.getByText('6月22日 最高 38.0°C · 不在保障期内，不计入')).toBeInTheDocument();
  });

  it('says the season has not started when there is no reading yet', async () => {
    freezeClock('2027-06-25T09:00:00+08:00');
    const { container } = await openClaim(
      aHeatClaimDetail({ amountFen: 0, collectable: false, evidence: aHeatEvidence({ hotDays: [], dailyMaxima: [] }) }),
    );

    expect(container.querySelector('.heat-chart')).toBeNull();
    expect(screen.getByText('保障期内尚未出现高温日')).toBeInTheDocument();
    expect(screen.getByText('高温补贴继续累计中', { selector: '.red-packet__caption' })).toBeInTheDocument();
  });
});

describe('HEAT37 red packet: collected more than once', () => {
  it('shows what can be collected now, not everything earned', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const { container } = await openClaim(
      aHeatClaimDetail({ amountFen: 3_000, collectable: true, collectableFen: 3_000 }),
    );

    const packet = container.querySelector<HTMLElement>('.red-packet')!;
    expect(within(packet).getByText('高温补贴已备好')).toBeInTheDocument();
    expect(within(packet).getByText('¥30.00')).toBeInTheDocument();
    expect(within(packet).getByRole('button', { name: '拆红包' })).toBeEnabled();
  });

  it('opens again for what accrued after a collection (再领), and shows it arrived with the season still running', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const partlyPaid = aHeatClaimDetail({
      status: 'paid',
      amountFen: 2_000,
      paidFen: 1_000,
      collectable: true,
      collectableFen: 1_000,
      paidAt: '2027-07-09T10:00:00+08:00',
    });
    const offered = { ...partlyPaid, status: 'offered' as const, collectable: false, collectableFen: 0 };
    const paidAgain = {
      ...partlyPaid,
      status: 'paid' as const,
      paidFen: 2_000,
      collectable: false,
      collectableFen: 0,
      paidAt: '2027-07-11T09:00:30+08:00',
    };
    const { container, api } = await openClaim(partlyPaid, offered, paidAgain);

    const packet = container.querySelector<HTMLElement>('.red-packet')!;
    expect(container.querySelector('.claim-status')).toHaveTextContent('待领取');
    expect(within(packet).getByText('¥10.00')).toBeInTheDocument();
    expect(within(packet).getByText('已领取 ¥10.00')).toBeInTheDocument();
    expect(container.querySelector('.red-packet__open')).not.toBeNull();

    fireEvent.click(within(packet).getByRole('button', { name: '再领 ¥10.00' }));

    const paid = await waitFor(() => {
      const element = container.querySelector<HTMLElement>('.red-packet--paid');
      expect(element).not.toBeNull();
      return element!;
    });
    expect(within(paid).getByText('已到账')).toBeInTheDocument();
    expect(within(paid).getByText('¥20.00')).toBeInTheDocument();
    expect(within(paid).getByText('高温补贴继续累计中')).toBeInTheDocument();
    expect(api.callsTo(collectRoute)).toHaveLength(1);
  });

  it('keeps waiting while the claim still reads paid from before the new collection', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const partlyPaid = aHeatClaimDetail({
      status: 'paid',
      amountFen: 2_000,
      paidFen: 1_000,
      collectable: true,
      collectableFen: 1_000,
    });
    const stale = { ...partlyPaid, collectable: false, collectableFen: 0 };
    const paidAgain = { ...stale, paidFen: 2_000 };
    const { container } = await openClaim(partlyPaid, stale, stale, paidAgain);

    fireEvent.click(container.querySelector('.red-packet__open')!);

    expect(await screen.findByText('到账中…')).toBeInTheDocument();
    await waitFor(() => expect(container.querySelector('.red-packet--paid')).not.toBeNull());
    expect(within(container.querySelector<HTMLElement>('.red-packet--paid')!).getByText('¥20.00')).toBeInTheDocument();
  });

  it('says the transfer arrived when another hot day accrued meanwhile, and offers the new amount', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const first = aHeatClaimDetail({
      status: 'approved',
      amountFen: 2_000,
      paidFen: 0,
      collectable: true,
      collectableFen: 2_000,
    });
    const offered = { ...first, status: 'offered' as const, collectableFen: 2_000 };
    // ¥20 arrived, and a ninth hot day added ¥10 before the page looked again: approved, not paid.
    const grown = {
      ...first,
      status: 'approved' as const,
      amountFen: 3_000,
      paidFen: 2_000,
      collectable: true,
      collectableFen: 1_000,
    };
    const { container } = await openClaim(first, offered, grown);

    fireEvent.click(container.querySelector('.red-packet__open')!);

    expect(await screen.findByText('¥20.00 已转入微信零钱，新增补贴可继续领取')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '再领 ¥10.00' })).toBeInTheDocument();
    expect(container.querySelector('.red-packet')).toHaveAttribute('data-phase', 'closed');
  });

  it('says the subsidy keeps accruing when everything earned so far is paid', async () => {
    freezeClock('2027-07-11T09:00:00+08:00');
    const { container } = await openClaim(
      aHeatClaimDetail({
        status: 'paid',
        amountFen: 2_000,
        paidFen: 2_000,
        collectable: false,
        paidAt: '2027-07-10T10:00:00+08:00',
      }),
    );

    const packet = container.querySelector<HTMLElement>('.red-packet--paid')!;
    expect(within(packet).getByText('¥20.00')).toBeInTheDocument();
    expect(within(packet).getByText('高温补贴继续累计中')).toBeInTheDocument();
    expect(container.querySelector('.red-packet__open')).toBeNull();
  });

  it('says nothing more will accrue once the season is over', async () => {
    freezeClock('2027-09-02T09:00:00+08:00');
    const { container } = await openClaim(
      aHeatClaimDetail({ status: 'paid', amountFen: 2_000, paidFen: 2_000, collectable: false }),
    );

    expect(container.querySelector('.red-packet--paid')).not.toBeNull();
    expect(screen.queryByText('高温补贴继续累计中')).toBeNull();
  });
});

describe('RAIN claim detail', () => {
  it('draws the eight window hours as bars, stacked to the total against the 2.0 mm line', async () => {
    const { container } = await openClaim(aRainClaimDetail());

    const chart = container.querySelector<HTMLElement>('.rain-chart')!;
    expect(chart).toHaveAttribute('data-met', 'true');
    const hours = Array.from(chart.querySelectorAll('.rain-chart__bar'));
    expect(hours.map((bar) => bar.getAttribute('data-hour'))).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(hours.map((bar) => bar.getAttribute('data-mm'))).toEqual(['0', '0.2', '0.7', '0.6', '0.7', '0.2', '0', '0']);
    expect(within(chart).getByText('09:00–17:00 累计降雨 2.4 毫米，达到 2.0 毫米赔付线')).toBeInTheDocument();
    expect(within(chart).getByText('赔付线 2.0mm')).toBeInTheDocument();
    expect(
      within(container.querySelector<HTMLElement>('.red-packet')!).getByText('景区下雨，赔款已备好'),
    ).toBeInTheDocument();
    // Plain words: the station and the rule in words, never a station id or a version code.
    expect(container.textContent).not.toMatch(/A58457|RAIN v\d|wx-1/);
    expect(screen.getByText('西湖附近的气象观测站')).toBeInTheDocument();
  });

  it('marks hours not received yet and a total below the threshold', async () => {
    const evidence = aRainEvidence({ windowTotalMm: 0.9, hours: aRainEvidence().hours.slice(0, 3) });
    const { container } = await openClaim(
      aRainClaimDetail({
        status: 'rejected',
        collectable: false,
        evidence,
        rejectedReason: '累计降雨 0.9 毫米，未达 2.0 毫米',
      }),
    );

    const chart = container.querySelector<HTMLElement>('.rain-chart')!;
    expect(chart).toHaveAttribute('data-met', 'false');
    expect(chart.querySelectorAll('.rain-chart__bar--missing')).toHaveLength(5);
    expect(within(chart).getByText('09:00–17:00 累计降雨 0.9 毫米，未达 2.0 毫米赔付线')).toBeInTheDocument();
  });
});
