import type { Order, OrderStatus } from '@xiaoan/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, isApiError } from '../../../services/api-error';
import { fetchOrder } from '../api/purchase.api';

/** How often and how long the result page asks; tests shorten these. */
export const ORDER_POLLING = { intervalMs: 1500, maxWaitMs: 90_000 };

/** States the customer can act on: issued, refunded (or on its way), closed, a payment that did not match (refunded). */
const SETTLED: ReadonlySet<OrderStatus> = new Set(['issued', 'refunding', 'refunded', 'closed', 'payment_mismatch']);

export type OrderPollState =
  | { status: 'waiting'; order: Order | null }
  | { status: 'settled'; order: Order }
  /** No settled state within `maxWaitMs`: the notification may be late; the customer can look again. */
  | { status: 'timeout'; order: Order | null; error: ApiError | null };

/**
 * Polls `GET /orders/{id}` until the order settles. After paying this is the only truth: the
 * payment sheet's answer is not proof (wechat.md §3), the BFF's notification handling is.
 * A failed poll is retried; only the deadline ends the wait.
 */
export function useOrderPolling(orderId: string): { state: OrderPollState; restart: () => void } {
  const [state, setState] = useState<OrderPollState>({ status: 'waiting', order: null });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = Date.now() + ORDER_POLLING.maxWaitMs;
    let last: Order | null = null;
    let lastError: ApiError | null = null;

    const poll = async () => {
      try {
        last = await fetchOrder(orderId);
        lastError = null;
      } catch (error) {
        lastError = isApiError(error) ? error : ApiError.client('INVALID_RESPONSE');
      }
      if (!active) return;
      if (last && SETTLED.has(last.status)) {
        setState({ status: 'settled', order: last });
        return;
      }
      if (Date.now() >= deadline) {
        setState({ status: 'timeout', order: last, error: lastError });
        return;
      }
      setState({ status: 'waiting', order: last });
      timer = setTimeout(() => void poll(), ORDER_POLLING.intervalMs);
    };

    setState((current) => ({ status: 'waiting', order: current.order }));
    void poll();
    return () => {
      active = false;
      if (timer) clearTimeout(timer);
    };
  }, [orderId, round]);

  const restart = useCallback(() => setRound((n) => n + 1), []);
  return { state, restart };
}
