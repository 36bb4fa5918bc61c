import type { ErrorCode } from '../errors/error-codes.js';

/** What the cancellation rule needs to know about a policy (compliance.md row 7). */
export interface CancellablePolicy {
  status: 'active' | 'claimed' | 'expired' | 'cancelled';
  /** When cover starts: a flight policy's scheduled departure; a weather policy's first covered day, 00:00 Beijing. */
  coverStart: Date;
  /** Flight cover only: the flight's status and, once it has left, its actual departure. */
  flight?: {
    status: 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted';
    actualDeparture: Date | null;
  } | null;
  /** A claim with money on it (a weather claim opened at 0 does not count). */
  hasPayableClaim: boolean;
}

export type CancellationVerdict = { ok: true; deadline: Date } | { ok: false; code: CancellationRefusal };

export type CancellationRefusal = Extract<
  ErrorCode,
  | 'POLICY_CANCEL_AFTER_DEPARTURE'
  | 'POLICY_CANCEL_FLIGHT_CLOSED'
  | 'POLICY_CANCEL_AFTER_COVER_START'
  | 'POLICY_NOT_CANCELLABLE'
>;

/**
 * Self-service cancellation with a full refund is possible until cover starts: for flight cover
 * until the scheduled departure (FD120's exclusions: "已收取的保险费在航班起飞前可申请全额退还"), and
 * never once the flight has left, been cancelled or diverted (those outcomes are settled by the
 * terms); for weather cover until its first covered day begins. A cancelled policy is not refused
 * here: cancelling it again is answered with its state (idempotent), which is the caller's business.
 */
export const cancellationVerdict = (policy: CancellablePolicy, now: Date): CancellationVerdict => {
  if (policy.status === 'claimed' || policy.status === 'expired' || policy.hasPayableClaim)
    return { ok: false, code: 'POLICY_NOT_CANCELLABLE' };
  if (policy.flight) {
    const { status, actualDeparture } = policy.flight;
    if (status === 'cancelled' || status === 'diverted' || status === 'arrived')
      return { ok: false, code: 'POLICY_CANCEL_FLIGHT_CLOSED' };
    if (status === 'departed' || actualDeparture !== null || now.getTime() >= policy.coverStart.getTime()) {
      return { ok: false, code: 'POLICY_CANCEL_AFTER_DEPARTURE' };
    }
    return { ok: true, deadline: policy.coverStart };
  }
  if (now.getTime() >= policy.coverStart.getTime()) return { ok: false, code: 'POLICY_CANCEL_AFTER_COVER_START' };
  return { ok: true, deadline: policy.coverStart };
};
