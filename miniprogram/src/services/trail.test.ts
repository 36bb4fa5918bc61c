import { describe, expect, it } from '@jest/globals';
import { fail, ok, sessionRoutes, stubApi } from '../../test/support/fake-api';
import { SalesTrailRecorder, type TrailStore } from './trail';

const memoryStore = (): TrailStore & { saved: unknown } => {
  const store = {
    saved: null as unknown,
    load: () => null,
    save: (state: unknown) => {
      store.saved = JSON.parse(JSON.stringify(state));
    },
  };
  return store as TrailStore & { saved: unknown };
};

/** A clock the test moves by hand. */
const clock = (start = Date.parse('2026-11-27T02:00:00.000Z')) => {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

describe('sales trail recorder', () => {
  it('records each page with its time on page, the exclusions confirmation and the form submission, oldest first', () => {
    const time = clock();
    const trail = new SalesTrailRecorder(memoryStore(), time.now);
    trail.begin();

    const leaveProduct = trail.enterPage('product:FD120');
    time.advance(42_000);
    trail.record('exclusions_confirmed', 'product', 'FD120 v1');
    time.advance(3_000);
    leaveProduct();
    const leaveFlight = trail.enterPage('flight');
    time.advance(20_000);
    leaveFlight();
    trail.enterPage('insured');
    time.advance(30_000);
    trail.record('form_submitted', 'insured', '为本人投保');

    expect(trail.eventsForOrder()).toEqual([
      { type: 'page_view', page: 'product:FD120', at: '2026-11-27T02:00:00.000Z', durationMs: 45_000 },
      { type: 'exclusions_confirmed', page: 'product', at: '2026-11-27T02:00:42.000Z', detail: 'FD120 v1' },
      { type: 'page_view', page: 'flight', at: '2026-11-27T02:00:45.000Z', durationMs: 20_000 },
      // Still open when the order is placed: sent with its time so far.
      { type: 'page_view', page: 'insured', at: '2026-11-27T02:01:05.000Z', durationMs: 30_000 },
      { type: 'form_submitted', page: 'insured', at: '2026-11-27T02:01:35.000Z', detail: '为本人投保' },
    ]);
  });

  it('starts a new trail for a new purchase', () => {
    const trail = new SalesTrailRecorder(memoryStore(), clock().now);
    trail.record('exclusions_confirmed', 'product');
    trail.begin();
    expect(trail.eventsForOrder()).toEqual([]);
  });

  it('appends payment events to the order once it exists, and keeps them when the append fails', async () => {
    const time = clock();
    const store = memoryStore();
    const trail = new SalesTrailRecorder(store, time.now);
    const leaveInsured = trail.enterPage('insured');
    trail.attachOrder('00000000-0000-4000-8000-0000000000c1');
    leaveInsured(); // already sent with the order: not appended again
    trail.record('payment_started', 'pay', 'simulator');
    time.advance(5_000);
    trail.record('payment_result', 'pay', 'submitted');

    let answer = fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试');
    const api = stubApi({
      ...sessionRoutes(),
      'POST /api/v1/orders/00000000-0000-4000-8000-0000000000c1/trail': () => answer,
    });

    await trail.flush();
    expect(trail.pendingEvents).toHaveLength(2);

    answer = ok({ appended: 2 });
    await trail.flush();

    const appends = api.callsTo('POST /api/v1/orders/00000000-0000-4000-8000-0000000000c1/trail');
    expect(appends[1]?.body).toEqual({
      events: [
        { type: 'payment_started', page: 'pay', at: '2026-11-27T02:00:00.000Z', detail: 'simulator' },
        { type: 'payment_result', page: 'pay', at: '2026-11-27T02:00:05.000Z', detail: 'submitted' },
      ],
    });
    expect(appends[1]?.headers.Authorization).toBe('Bearer token-1');
    expect(trail.pendingEvents).toEqual([]);
    expect(store.saved).toMatchObject({ orderId: '00000000-0000-4000-8000-0000000000c1', pending: [] });
  });
});
