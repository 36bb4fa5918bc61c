import {
  formatCny,
  type ClaimDetail,
  type ClaimEvidence,
  type ClaimStatus,
  type ClaimSummary,
  type ClaimTimelineEntry,
} from '@xiaoan/shared';
import { productKind, type TimelineEvent } from '../../../products/index.js';

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

/** The claim's one-line headline, as its product kind words it. */
export const claimHeadline = (evidence: ClaimEvidence): string => productKind(evidence.kind).claimHeadline(evidence);

/** The evidence timeline customer service and the customer both read. */
export const claimTimeline = (facts: ClaimFacts): ClaimTimelineEntry[] => {
  const entries: TimelineEvent[] = [
    { at: facts.policyIssuedAt, title: '投保成功', detail: `保单号 ${facts.policyNo}` },
  ];
  const { evidence } = facts;
  const kind = productKind(evidence.kind);
  entries.push(...kind.evidenceEvents(evidence, facts.createdAt));
  if (facts.approvedAt) {
    entries.push({ at: facts.approvedAt, ...kind.approvedEvent(facts.amountFen) });
  } else if (facts.status === 'manual_review') {
    entries.push({ at: facts.createdAt, title: '转人工审核', detail: kind.manualReviewDetail });
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
