import type { ClaimStatus, ClaimSummary } from '@xiaoan/shared';

export type ClaimTone = 'packet' | 'transit' | 'paid' | 'retry' | 'review' | 'muted';

export interface ClaimStatusMeta {
  label: string;
  tone: ClaimTone;
}

/**
 * The badge a customer sees. It depends on `collectable` as well as the status: a failed or
 * expired transfer that the BFF re-offers reads "可重领", and an offered bill the user has already
 * confirmed is money on its way ("到账中"), not a red packet to open.
 */
export const claimStatusMeta = ({
  status,
  collectable,
}: Pick<ClaimSummary, 'status' | 'collectable'>): ClaimStatusMeta => {
  const byStatus: Record<ClaimStatus, ClaimStatusMeta> = {
    approved: { label: '待领取', tone: 'packet' },
    offered: collectable ? { label: '待领取', tone: 'packet' } : { label: '到账中', tone: 'transit' },
    // A HEAT37 claim keeps growing after a payout: new days make it collectable again.
    paid: collectable ? { label: '待领取', tone: 'packet' } : { label: '已到账', tone: 'paid' },
    failed: { label: collectable ? '领取失败·可重领' : '领取失败', tone: 'retry' },
    expired: { label: collectable ? '已过期·可重领' : '已过期', tone: 'retry' },
    manual_review: { label: '人工审核中', tone: 'review' },
    rejected: { label: '未达赔付条件', tone: 'muted' },
  };
  return byStatus[status];
};

/** A re-offer: the red packet was opened before and the transfer did not complete. */
export const isRecollect = ({ status, collectable }: Pick<ClaimSummary, 'status' | 'collectable'>): boolean =>
  collectable && (status === 'failed' || status === 'expired');

export const countCollectable = (claims: readonly Pick<ClaimSummary, 'collectable'>[]): number =>
  claims.filter((claim) => claim.collectable).length;

/**
 * What opening the red packet would pay now. `collectableFen` is the BFF's figure; a collectable
 * claim from a BFF that leaves it at 0 falls back to what is earned and not yet paid.
 */
export const collectableAmountOf = ({
  amountFen,
  paidFen,
  collectableFen,
}: Pick<ClaimSummary, 'amountFen' | 'paidFen' | 'collectableFen'>): number =>
  collectableFen > 0 ? collectableFen : Math.max(0, amountFen - paidFen);

/** Paid before, and more to collect now: the red packet opens again (再领). */
export const isCollectAgain = (claim: Pick<ClaimSummary, 'status' | 'collectable' | 'paidFen'>): boolean =>
  claim.collectable && claim.paidFen > 0 && !isRecollect(claim);
