import type { ClaimDetail } from '@xiaoan/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { canReceiveTransferHere, confirmTransfer, transferRefusal } from '../../../services/transfer';
import { collectClaim, fetchClaim } from '../api/claim.api';
import type { RedPacketNotice, RedPacketPhase } from '../components/red-packet/red-packet';

/** How often and how long the red packet waits for WeChat's transfer notification; tests shorten these. */
export const CLAIM_POLLING = { intervalMs: 1500, maxWaitMs: 60_000 };

type Baseline = Pick<ClaimDetail, 'status'> & { timelineLength: number };

const isInTransit = (claim: ClaimDetail): boolean => claim.status === 'offered' && !claim.collectable;

const phaseOf = (claim: ClaimDetail): RedPacketPhase => {
  if (claim.status === 'paid') return 'paid';
  if (isInTransit(claim)) return 'settling';
  return claim.collectable ? 'closed' : 'unavailable';
};

export interface ClaimCollect {
  phase: RedPacketPhase;
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

  const waitForPayout = useCallback(
    (baseline: Baseline) => {
      stopWaiting();
      if (!mounted.current) return;
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
          if (latest.status === 'paid') {
            setPhase('paid');
            return;
          }
          if (latest.status === 'offered') sawInTransit = true;
          // A failed/expired status that predates this attempt is not its result: a re-collect starts
          // from `failed`, so only a changed status, a new timeline step or an `offered` seen
          // in between makes it this attempt's outcome.
          const settledUnpaid =
            (latest.status === 'failed' || latest.status === 'expired') &&
            (sawInTransit || latest.status !== baseline.status || latest.timeline.length > baseline.timelineLength);
          if (settledUnpaid) {
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
    if (isInTransit(initial)) {
      waitForPayout({ status: initial.status, timelineLength: initial.timeline.length });
    }
    return () => {
      mounted.current = false;
      stopWaiting();
    };
  }, [waitForPayout, stopWaiting]);

  const reload = useCallback(async () => {
    try {
      const latest = await fetchClaim(claimRef.current.id);
      onClaimRef.current(latest);
      if (isInTransit(latest)) waitForPayout({ status: latest.status, timelineLength: latest.timeline.length });
      else setPhase(phaseOf(latest));
    } catch {
      // The notice already says what went wrong; the page keeps the last known claim.
    }
  }, [waitForPayout]);

  const open = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    const current = claimRef.current;
    const baseline: Baseline = { status: current.status, timelineLength: current.timeline.length };
    setNotice(null);
    setPhase('opening');

    void (async () => {
      try {
        // Refuse before a bill exists: H5 outside the simulator could never confirm it.
        if (!(await canReceiveTransferHere())) throw transferRefusal();
        const bill = await collectClaim(current.id);
        const outcome = await confirmTransfer(bill);
        if (outcome.kind === 'cancelled') {
          setPhase('closed');
          setNotice({ tone: 'info', message: '您已取消领取，赔款仍为您保留，可随时再领' });
          return;
        }
        waitForPayout(baseline);
      } catch (error) {
        const apiError = isApiError(error) ? error : ApiError.client('TRANSFER_FAILED');
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
    const current = claimRef.current;
    setNotice(null);
    waitForPayout({ status: current.status, timelineLength: current.timeline.length });
  }, [waitForPayout]);

  return { phase, notice, open, refresh };
}
