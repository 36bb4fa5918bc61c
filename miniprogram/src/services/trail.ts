import Taro from '@tarojs/taro';
import type { SalesTrailEvent } from '@xiaoan/shared';
import { z } from 'zod';
import { request } from './http';

export type TrailEventType = SalesTrailEvent['type'];

/** What the createOrder contract accepts, and what one append may carry (order/app contracts). */
const MAX_EVENTS_PER_ORDER = 200;
const MAX_EVENTS_PER_APPEND = 50;
const MAX_DURATION_MS = 86_400_000;

export const TRAIL_STORAGE_KEY = 'xiaoan.salesTrail';

interface TrailState {
  /** Events recorded before the order exists; they go with `POST /orders`. */
  events: SalesTrailEvent[];
  /** Set once the order exists; later events are appended to it. */
  orderId: string | null;
  /** Events waiting for `POST /orders/{id}/trail` (kept until the append succeeds). */
  pending: SalesTrailEvent[];
}

export interface TrailStore {
  load(): TrailState | null;
  save(state: TrailState): void;
}

/** Taro storage, so an H5 reload in the middle of a purchase keeps the trail. */
export const taroTrailStore: TrailStore = {
  load() {
    try {
      const value: unknown = Taro.getStorageSync(TRAIL_STORAGE_KEY);
      return value && typeof value === 'object' ? (value as TrailState) : null;
    } catch {
      return null;
    }
  },
  save(state) {
    try {
      Taro.setStorageSync(TRAIL_STORAGE_KEY, state);
    } catch {
      // Memory still holds it.
    }
  },
};

const empty = (): TrailState => ({ events: [], orderId: null, pending: [] });
const byTime = (a: SalesTrailEvent, b: SalesTrailEvent) => a.at.localeCompare(b.at);

interface OpenView {
  page: string;
  enteredAt: number;
  /** Entered before the order existed and already sent with it (with its time so far). */
  reportedWithOrder: boolean;
}

/**
 * The buyer's trail through the sales pages (compliance row 2, 可回溯): each page viewed with its
 * time on page, the exclusions-read confirmation, the form submission and the payment, each with
 * an ISO timestamp. One trail per purchase: it starts on the product page, goes with the order,
 * and events after the order is created are appended to it.
 */
export class SalesTrailRecorder {
  private state: TrailState;
  private readonly open = new Map<number, OpenView>();
  private nextViewId = 1;

  constructor(
    private readonly store: TrailStore = taroTrailStore,
    private readonly now: () => number = Date.now,
  ) {
    this.state = store.load() ?? empty();
  }

  /** A new purchase journey (the product page was opened): forget the previous one. */
  begin(): void {
    this.state = empty();
    this.open.clear();
    this.persist();
  }

  /** The buyer opened `page`. Returns the function to call when they leave it. */
  enterPage(page: string): () => void {
    const id = this.nextViewId++;
    this.open.set(id, { page, enteredAt: this.now(), reportedWithOrder: false });
    return () => {
      const view = this.open.get(id);
      if (!view) return;
      this.open.delete(id);
      if (view.reportedWithOrder) return;
      this.push(this.pageView(view));
    };
  }

  record(type: Exclude<TrailEventType, 'page_view'>, page: string, detail?: string): void {
    const event: SalesTrailEvent = { type, page, at: new Date(this.now()).toISOString() };
    if (detail) event.detail = detail.slice(0, 256);
    this.push(event);
  }

  /**
   * The trail to send with `POST /orders`: what happened so far, including the pages still open
   * (the form page the buyer is on) with their time so far, oldest first.
   */
  eventsForOrder(): SalesTrailEvent[] {
    const openViews = [...this.open.values()].map((view) => this.pageView(view));
    return [...this.state.events, ...openViews].sort(byTime).slice(-MAX_EVENTS_PER_ORDER);
  }

  /** The order exists: what was sent with it is done, and later events are appended to it. */
  attachOrder(orderId: string): void {
    this.open.forEach((view) => {
      view.reportedWithOrder = true;
    });
    this.state = { events: [], orderId, pending: [] };
    this.persist();
  }

  get orderId(): string | null {
    return this.state.orderId;
  }

  /** Events recorded since the order was created and not yet appended. */
  get pendingEvents(): SalesTrailEvent[] {
    return [...this.state.pending];
  }

  /**
   * Appends the pending events to the order's trail. Failures keep them for the next flush;
   * the trail never blocks the purchase.
   */
  async flush(): Promise<void> {
    const orderId = this.state.orderId;
    if (!orderId || this.state.pending.length === 0) return;
    const batch = this.state.pending.slice(0, MAX_EVENTS_PER_APPEND);
    try {
      await request(z.unknown(), `/api/v1/orders/${encodeURIComponent(orderId)}/trail`, {
        method: 'POST',
        data: { events: batch },
        auth: true,
      });
    } catch {
      return;
    }
    if (this.state.orderId !== orderId) return;
    this.state.pending = this.state.pending.slice(batch.length);
    this.persist();
    if (this.state.pending.length > 0) await this.flush();
  }

  private pageView(view: OpenView): SalesTrailEvent {
    return {
      type: 'page_view',
      page: view.page,
      at: new Date(view.enteredAt).toISOString(),
      durationMs: Math.min(MAX_DURATION_MS, Math.max(0, Math.round(this.now() - view.enteredAt))),
    };
  }

  private push(event: SalesTrailEvent): void {
    if (this.state.orderId) this.state.pending.push(event);
    else this.state.events.push(event);
    this.persist();
  }

  private persist(): void {
    this.store.save(this.state);
  }
}

/** The app's one recorder. */
export const salesTrail = new SalesTrailRecorder();
