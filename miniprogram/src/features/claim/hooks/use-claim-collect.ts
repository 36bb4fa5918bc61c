import { formatCny, type ClaimDetail } from '@xiaoan/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { canReceiveTransferHere, confirmTransfer, transferRefusal } from '../../../services/transfer';
import { collectClaim, fetchClaim } from '../api/claim.api';
import { collectableAmountOf } from '../claim-status';
import type { RedPacketNotice, RedPacketPhase } from '../components/red-packet/red-packet';

/** How often and how long the red packet waits for WeChat's transfer notification; tests shorten these. */
export const CLAIM_POLLING = { intervalMs: 1500, maxWaitMs: 60_000 };

type Baseline = Pick<ClaimDetail, 'status' | 'paidFen'> & { timelineLength: number };

const baselineOf = (claim: ClaimDetail): Baseline => ({
  status: claim.status,
  paidFen: claim.paidFen,
  timelineLength: claim.timeline.length,
});

const isInTransit = (claim: ClaimDetail): boolean => claim.status === 'offered' && !claim.collectable;

/**
 * Collectable comes first: a HEAT37 claim that was paid and has accrued more since opens again.
 * A claim paid in part with nothing new yet reads as paid (what has arrived).
 */
const phaseOf = (claim: ClaimDetail): RedPacketPhase => {
  if (claim.collectable) return 'closed';
  if (isInTransit(claim)) return 'settling';
  if (claim.status === 'paid' || (claim.status === 'approved' && claim.paidFen > 0)) return 'paid';
  return 'unavailable';
};

/**
 * The amount the envelope shows in each phase: what opening pays, what is on its way (the amount
 * opened, or what is earned and unpaid), what has arrived, or everything earned.
 */
const packetAmountOf = (claim: ClaimDetail, phase: RedPacketPhase, openedFen: number | null): number => {
  switch (phase) {
    case 'closed':
    case 'opening':
      return openedFen ?? collectableAmountOf(claim);
    case 'settling':
    case 'timeout':
      return openedFen ?? (Math.max(0, claim.amountFen - claim.paidFen) || claim.amountFen);
    case 'paid':
      return claim.paidFen > 0 ? claim.paidFen : claim.amountFen;
    case 'unavailable':
      return claim.amountFen;
  }
};

export interface ClaimCollect {
  phase: RedPacketPhase;
  /** The amount on the envelope in this phase. */
  amountFen: number;
  notice: RedPacketNotice | null;
  /** 拆红包 / 重新领取. */
  open: () => void;
  /** After a timeout: look again. */
  refresh: () => void;
}

/**
 * 拆红包: collect (creates or re-creates the transfer bill) → WeChat's receive sheet (or the
 * simulator) → poll the claim until the BFF has WeChat's notification. The sheet's answer is never
 * taken as payment; only `paid` from the BFF shows 已到账. A failed or expired transfer makes the
 * claim collectable again (重新领取).
 */
export function useClaimCollect(claim: ClaimDetail, onClaim: (claim: ClaimDetail) => void): ClaimCollect {
  const [phase, setPhase] = useState<RedPacketPhase>(() => phaseOf(claim));
  const [notice, setNotice] = useState<RedPacketNotice | null>(null);
  /** The amount of the attempt in progress (collectableFen when 拆 was tapped). */
  const [openedFen, setOpenedFen] = useState<number | null>(null);
  const claimRef = useRef(claim);
  claimRef.current = claim;
  const onClaimRef = useRef(onClaim);
  onClaimRef.current = onClaim;
  const busy = useRef(false);
  // Each wait gets a number; a newer wait, or leaving the page, ends the older one.
  const waitId = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);

  const stopWaiting = useCallback(() => {
    waitId.current += 1;
    if (timer.current) clearTimeout(timer.current);
  }, []);

  /** The claim as it was when the current attempt began: 刷新到账结果 keeps judging against it. */
  const attemptBaseline = useRef<Baseline | null>(null);

  const waitForPayout = useCallback(
    (baseline: Baseline) => {
      stopWaiting();
      if (!mounted.current) return;
      attemptBaseline.current = baseline;
      const id = waitId.current;
      const deadline = Date.now() + CLAIM_POLLING.maxWaitMs;
      let sawInTransit = false;
      setPhase('settling');

      const poll = async () => {
        let latest: ClaimDetail | null = null;
        try {
          latest = await fetchClaim(claimRef.current.id);
        } catch {
          // A failed poll is retried; only the deadline ends the wait.
        }
        if (id !== waitId.current) return;
        if (latest) {
          onClaimRef.current(latest);
          if (latest.status === 'offered') sawInTransit = true;
          // Money arrived: more paid than before this attempt, or `paid` reached from another status.
          // A HEAT37 claim collected again may start from `paid`, and may read `approved` again
          // after the transfer when another hot day accrued meanwhile.
          const received = latest.paidFen > baseline.paidFen;
          const arrived = received || (latest.status === 'paid' && (baseline.status !== 'paid' || sawInTransit));
          if (arrived) {
            const next = phaseOf(latest);
            setOpenedFen(null);
            setPhase(next);
            if (next !== 'paid' && received) {
              setNotice({
                tone: 'info',
                message: `${formatCny(latest.paidFen - baseline.paidFen)} 已转入微信零钱，新增补贴可继续领取`,
              });
            }
            return;
          }
          // A failed/expired status that predates this attempt is not its result: a re-collect starts
          // from `failed`, so only a changed status, a new timeline step or an `offered` seen
          // in between makes it this attempt's outcome.
          const settledUnpaid =
            (latest.status === 'failed' || latest.status === 'expired') &&
            (sawInTransit || latest.status !== baseline.status || latest.timeline.length > baseline.timelineLength);
          if (settledUnpaid) {
            setOpenedFen(null);
            setPhase(latest.collectable ? 'closed' : 'unavailable');
            setNotice({
              tone: 'error',
              message:
                latest.status === 'expired'
                  ? '领取已超时，赔款仍为您保留，可重新领取'
                  : '赔款未能转入微信零钱，已为您保留，可重新领取',
            });
            return;
          }
          if (latest.status === 'manual_review' || latest.status === 'rejected') {
            setPhase('unavailable');
            return;
          }
        }
        if (Date.now() >= deadline) {
          setPhase('timeout');
          return;
        }
        timer.current = setTimeout(() => void poll(), CLAIM_POLLING.intervalMs);
      };
      void poll();
    },
    [stopWaiting],
  );

  // Money already on its way when the page opens (confirmed earlier): keep waiting for it here.
  useEffect(() => {
    mounted.current = true;
    const initial = claimRef.current;
    if (isInTransit(initial)) waitForPayout(baselineOf(initial));
    return () => {
      mounted.current = false;
      stopWaiting();
    };
  }, [waitForPayout, stopWaiting]);

  const reload = useCallback(async () => {
    try {
      const latest = await fetchClaim(claimRef.current.id);
      onClaimRef.current(latest);
      if (isInTransit(latest)) waitForPayout(baselineOf(latest));
      else setPhase(phaseOf(latest));
    } catch {
      // The notice already says what went wrong; the page keeps the last known claim.
    }
  }, [waitForPayout]);

  const open = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    const current = claimRef.current;
    const baseline = baselineOf(current);
    setNotice(null);
    setOpenedFen(collectableAmountOf(current));
    setPhase('opening');

    void (async () => {
      try {
        // Refuse before a bill exists: H5 outside the simulator could never confirm it.
        if (!(await canReceiveTransferHere())) throw transferRefusal();
        const bill = await collectClaim(current.id);
        const outcome = await confirmTransfer(bill);
        if (outcome.kind === 'cancelled') {
          setOpenedFen(null);
          setPhase('closed');
          setNotice({ tone: 'info', message: '您已取消领取，赔款仍为您保留，可随时再领' });
          return;
        }
        waitForPayout(baseline);
      } catch (error) {
        const apiError = isApiError(error) ? error : ApiError.client('TRANSFER_FAILED');
        setOpenedFen(null);
        setPhase(phaseOf(claimRef.current));
        setNotice({ tone: 'error', message: apiError.message, requestId: apiError.requestId || undefined });
        // Someone (another device, the expiry job) changed the claim: show what it is now.
        if (apiError.code === 'CLAIM_NOT_COLLECTABLE') await reload();
      } finally {
        busy.current = false;
      }
    })();
  }, [reload, waitForPayout]);

  const refresh = useCallback(() => {
    setNotice(null);
    waitForPayout(attemptBaseline.current ?? baselineOf(claimRef.current));
  }, [waitForPayout]);

  return { phase, amountFen: packetAmountOf(claim, phase, openedFen), notice, open, refresh };
}
