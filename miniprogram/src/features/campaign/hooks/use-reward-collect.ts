import type { MyInvitesResponse } from '@xiaoan/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { canReceiveTransferHere, confirmTransfer, transferRefusal } from '../../../services/transfer';
import type { RedPacketNotice, RedPacketPhase } from '../../claim/components/red-packet/red-packet';
import { collectReward, fetchMyInvites, type CampaignReward } from '../campaign.api';

/** How often and how long the envelope waits for WeChat's transfer notification; tests shorten these. */
export const REWARD_POLLING = { intervalMs: 1500, maxWaitMs: 60_000 };

/** The envelope for a cash reward in each of its states. */
export const rewardPhaseOf = (reward: CampaignReward): RedPacketPhase => {
  switch (reward.status) {
    case 'payable':
      return 'closed';
    case 'paying':
      return 'settling';
    case 'paid':
      return 'paid';
    default:
      return 'unavailable';
  }
};

export interface RewardCollect {
  phase: RedPacketPhase;
  notice: RedPacketNotice | null;
  open: () => void;
  refresh: () => void;
}

/**
 * 领红包 for a campaign reward, the same way a claim's red packet is collected: the transfer bill
 * (created by the BFF) → WeChat's receive sheet (or the simulator's confirm in H5 dev) → poll my
 * rewards until the BFF, told by WeChat, says paid. The sheet's answer is never taken as payment.
 */
export function useRewardCollect(
  reward: CampaignReward,
  onInvites: (latest: MyInvitesResponse) => void,
): RewardCollect {
  const [phase, setPhase] = useState<RedPacketPhase>(() => rewardPhaseOf(reward));
  const [notice, setNotice] = useState<RedPacketNotice | null>(null);
  const rewardRef = useRef(reward);
  rewardRef.current = reward;
  const onInvitesRef = useRef(onInvites);
  onInvitesRef.current = onInvites;
  const busy = useRef(false);
  const waitId = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stopWaiting = useCallback(() => {
    waitId.current += 1;
    if (timer.current) clearTimeout(timer.current);
  }, []);
  useEffect(() => {
    // Confirmed earlier and still on its way when the page opens: keep waiting for it here.
    if (rewardRef.current.status === 'paying') waitForPayoutRef.current();
    return stopWaiting;
  }, [stopWaiting]);

  // The list was reloaded elsewhere (pull to refresh): follow it unless an attempt is running.
  useEffect(() => {
    if (!busy.current && waitId.current === 0) setPhase(rewardPhaseOf(reward));
  }, [reward]);

  const waitForPayout = useCallback(() => {
    stopWaiting();
    const id = waitId.current;
    const deadline = Date.now() + REWARD_POLLING.maxWaitMs;
    let sawPaying = false;
    setPhase('settling');
    const poll = async () => {
      let latest: CampaignReward | undefined;
      try {
        const invites = await fetchMyInvites();
        if (id !== waitId.current) return;
        onInvitesRef.current(invites);
        latest = invites.rewards.find((r) => r.id === rewardRef.current.id);
      } catch {
        // A failed poll is retried; only the deadline ends the wait.
      }
      if (id !== waitId.current) return;
      if (latest?.status === 'paying') sawPaying = true;
      if (latest?.status === 'paid') {
        setPhase('paid');
        return;
      }
      // Payable again after the confirm: WeChat reported the transfer failed or expired.
      if (latest?.status === 'payable' && sawPaying) {
        setPhase('closed');
        setNotice({ tone: 'error', message: '奖励未能转入微信零钱，已为您保留，可重新领取' });
        return;
      }
      if (Date.now() >= deadline) {
        setPhase('timeout');
        return;
      }
      timer.current = setTimeout(() => void poll(), REWARD_POLLING.intervalMs);
    };
    void poll();
  }, [stopWaiting]);

  const waitForPayoutRef = useRef(waitForPayout);
  waitForPayoutRef.current = waitForPayout;

  const open = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setNotice(null);
    setPhase('opening');
    void (async () => {
      try {
        // Refuse before a bill exists: H5 outside the simulator could never confirm it.
        if (!(await canReceiveTransferHere())) throw transferRefusal();
        const bill = await collectReward(rewardRef.current.id);
        const outcome = await confirmTransfer(bill);
        if (outcome.kind === 'cancelled') {
          setPhase('closed');
          setNotice({ tone: 'info', message: '您已取消领取，奖励仍为您保留，可随时再领' });
          return;
        }
        waitForPayout();
      } catch (error) {
        const apiError = isApiError(error) ? error : ApiError.client('TRANSFER_FAILED');
        setPhase(rewardPhaseOf(rewardRef.current));
        setNotice({ tone: 'error', message: apiError.message, requestId: apiError.requestId || undefined });
        if (apiError.code === 'CAMPAIGN_REWARD_NOT_COLLECTABLE') {
          fetchMyInvites()
            .then((latest) => {
              onInvitesRef.current(latest);
              const now = latest.rewards.find((r) => r.id === rewardRef.current.id);
              if (now) setPhase(rewardPhaseOf(now));
            })
            .catch(() => undefined);
        }
      } finally {
        busy.current = false;
      }
    })();
  }, [waitForPayout]);

  const refresh = useCallback(() => {
    setNotice(null);
    waitForPayout();
  }, [waitForPayout]);

  return { phase, notice, open, refresh };
}
