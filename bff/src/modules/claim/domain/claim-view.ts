import {
  beijingDateOf,
  beijingInstant,
  formatBeijingDateTime,
  formatCny,
  type ClaimDetail,
  type ClaimEvidence,
  type ClaimStatus,
  type ClaimSummary,
  type ClaimTimelineEntry,
  type FlightClaimEvidence,
} from '@xiaoan/shared';

/** What a claim row plus its policy, flight and bills give the customer's view. */
export interface ClaimFacts {
  id: string;
  claimNo: string;
  status: ClaimStatus;
  policyNo: string;
  productName: string;
  /** Earned so far (a HEAT37 claim grows day by day). */
  amountFen: number;
  /** Transferred so far. */
  paidFen: number;
  /** In bills created and not yet final. */
  pendingFen: number;
  /**
   * In the current bill when WeChat has not created it yet (an error, or no answer): 拆 re-creates
   * that same bill number for this amount, so it is what the red packet offers. 0 when none.
   */
  creatingFen?: number;
  evidence: ClaimEvidence;
  rejectedReason: string | null;
  policyIssuedAt: Date;
  createdAt: Date;
  approvedAt: Date | null;
  paidAt: Date | null;
  bills: { attempt: number; state: string; amountFen: number; createdAt: Date; finishedAt: Date | null }[];
}

/** A red packet can be opened while the claim is approved, offered, or re-offered after a failure or expiry. */
export const COLLECTABLE_STATUSES: readonly ClaimStatus[] = ['approved', 'offered', 'failed', 'expired'];

const hhmm = (iso: string | Date) => formatBeijingDateTime(new Date(iso), 'minute').slice(11);
const dayOf = (iso: string | Date) => beijingDateOf(new Date(iso));

/** "16:31", or "次日 00:31" when it landed on the next Beijing day. */
const arrivalClock = (scheduled: string, actual: string): string => {
  const days = Math.round(
    (Date.parse(`${dayOf(actual)}T00:00:00Z`) - Date.parse(`${dayOf(scheduled)}T00:00:00Z`)) / 86_400_000,
  );
  const prefix = days === 1 ? '次日 ' : days > 1 ? `${dayOf(actual).slice(5)} ` : '';
  return `${prefix}${hhmm(actual)}`;
};

/** The one line that explains the decision, e.g. "计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120". */
export const flightFactsLine = (evidence: FlightClaimEvidence): string => {
  const planned = `计划 ${hhmm(evidence.scheduledArrival)} 到达`;
  switch (evidence.outcome) {
    case 'arrived': {
      const delay = evidence.delayMinutes ?? 0;
      const comparison = delay >= evidence.thresholdMinutes ? '≥' : '<';
      const actual = evidence.actualArrival ? arrivalClock(evidence.scheduledArrival, evidence.actualArrival) : '—';
      return `${planned} · 实际 ${actual} · 晚 ${delay} 分钟 ${comparison} ${evidence.thresholdMinutes}`;
    }
    case 'cancelled':
      return `${planned} · 航班取消 · 按条款全额赔付`;
    case 'diverted':
      return `${planned} · 航班备降 · 按条款全额赔付`;
    case 'no_final_status':
      return `${planned} · 超过 6 小时仍无航班最终状态 · 转人工审核`;
    case 'implausible_arrival':
      return `${planned} · 航班到达数据存疑 · 转人工审核`;
  }
};

export const claimHeadline = (evidence: ClaimEvidence): string => {
  if (evidence.kind === 'heat') return `${evidence.cityName} 已计 ${evidence.hotDays.length} 个高温日`;
  if (evidence.kind === 'rain')
    return `${evidence.spotName} ${evidence.visitDate.slice(5)} 降雨 ${evidence.windowTotalMm} 毫米`;
  switch (evidence.outcome) {
    case 'arrived':
      return `${evidence.flightNo} 晚到 ${evidence.delayMinutes ?? 0} 分钟`;
    case 'cancelled':
      return `${evidence.flightNo} 航班取消`;
    case 'diverted':
      return `${evidence.flightNo} 航班备降`;
    case 'no_final_status':
    case 'implausible_arrival':
      return `${evidence.flightNo} 待人工审核`;
  }
};

const FLIGHT_TITLES: Record<FlightClaimEvidence['outcome'], string> = {
  arrived: '航班到达',
  cancelled: '航班取消',
  diverted: '航班备降',
  no_final_status: '航班状态未知',
  implausible_arrival: '航班数据待核实',
};

/** The evidence timeline customer service and the customer both read. */
export const claimTimeline = (facts: ClaimFacts): ClaimTimelineEntry[] => {
  const entries: { at: Date; title: string; detail?: string }[] = [
    { at: facts.policyIssuedAt, title: '投保成功', detail: `保单号 ${facts.policyNo}` },
  ];
  const { evidence } = facts;
  if (evidence.kind === 'flight') {
    const flightAt = evidence.actualArrival ? new Date(evidence.actualArrival) : facts.createdAt;
    entries.push({ at: flightAt, title: FLIGHT_TITLES[evidence.outcome], detail: flightFactsLine(evidence) });
  } else if (evidence.kind === 'rain') {
    const lastHour = evidence.hours.at(-1);
    entries.push({
      at: lastHour ? new Date(Date.parse(lastHour.hourStart) + 3600_000) : facts.createdAt,
      title: '景区降雨达到理赔条件',
      detail: `${evidence.windowStart}–${evidence.windowEnd} 累计 ${evidence.windowTotalMm} 毫米 ≥ ${evidence.thresholdMm} 毫米`,
    });
  } else {
    for (const day of evidence.hotDays) {
      entries.push({
        at: beijingInstant(day.date, '15:00'),
        title: `第 ${day.hotDayNo} 个高温日`,
        detail: `${day.date.slice(5)} 最高 ${day.tmaxCelsius.toFixed(1)}°C · ${day.amountFen > 0 ? `补贴 ${formatCny(day.amountFen)}` : day.hotDayNo <= evidence.deductibleDays ? '免赔期内' : '已达上限'}`,
      });
    }
  }
  if (facts.approvedAt && evidence.kind === 'heat') {
    entries.push({ at: facts.approvedAt, title: '累计补贴', detail: `已累计 ${formatCny(facts.amountFen)}` });
  } else if (facts.approvedAt) {
    entries.push({ at: facts.approvedAt, title: '理赔已批准', detail: `按条款赔付 ${formatCny(facts.amountFen)}` });
  } else if (facts.status === 'manual_review') {
    entries.push({ at: facts.createdAt, title: '转人工审核', detail: '客服将根据航班公开信息尽快处理' });
  }
  if (facts.status === 'rejected') {
    entries.push({ at: facts.createdAt, title: '理赔未通过', detail: facts.rejectedReason ?? '' });
  }
  for (const bill of facts.bills) {
    entries.push({ at: bill.createdAt, title: '红包已发放', detail: '请在 24 小时内领取' });
    const end = bill.finishedAt ?? bill.createdAt;
    if (bill.state === 'SUCCESS')
      entries.push({ at: end, title: '已到账', detail: `${formatCny(bill.amountFen)} 已转入微信零钱` });
    if (bill.state === 'FAIL') entries.push({ at: end, title: '领取失败', detail: '可以重新领取' });
    if (bill.state === 'CANCELLED')
      entries.push({ at: end, title: '红包已过期', detail: '超过 24 小时未领取，可以重新领取' });
  }
  // In the order things happened: every stamp is on the one business clock (policies, readings,
  // claims), and a flight is only believed once it has landed. Ties keep the story's order.
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  return entries.map((entry) => ({
    at: entry.at.toISOString(),
    title: entry.title,
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
  }));
};

export const toClaimSummary = (facts: ClaimFacts): ClaimSummary => ({
  id: facts.id,
  claimNo: facts.claimNo,
  status: facts.status,
  policyNo: facts.policyNo,
  productName: facts.productName,
  amountFen: facts.amountFen,
  paidFen: facts.paidFen,
  collectableFen: collectableFenOf(facts),
  headline: claimHeadline(facts.evidence),
  createdAt: facts.createdAt.toISOString(),
  paidAt: facts.paidAt ? facts.paidAt.toISOString() : null,
  collectable: COLLECTABLE_STATUSES.includes(facts.status) && collectableFenOf(facts) > 0,
});

/**
 * What 拆红包 would pay now. While a bill waits for the user it is that bill's amount (reopening
 * it shows the same bill), and so while a bill is still being created (拆 failed: the same bill is
 * created again); otherwise everything earned and not yet paid.
 */
export const collectableFenOf = (
  facts: Pick<ClaimFacts, 'status' | 'amountFen' | 'paidFen' | 'pendingFen' | 'creatingFen'>,
): number => {
  if (!COLLECTABLE_STATUSES.includes(facts.status)) return 0;
  if (facts.status === 'offered' && facts.pendingFen > 0) return facts.pendingFen;
  // A failed 拆 never hides the money: the bill WeChat has not created is offered again as it is.
  if ((facts.creatingFen ?? 0) > 0) return facts.creatingFen!;
  return Math.max(0, facts.amountFen - facts.paidFen - facts.pendingFen);
};

export const toClaimDetail = (facts: ClaimFacts): ClaimDetail => ({
  ...toClaimSummary(facts),
  evidence: facts.evidence,
  timeline: claimTimeline(facts),
  rejectedReason: facts.rejectedReason,
});
