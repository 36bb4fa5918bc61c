import { messageOf, type Product } from '@xiaoan/shared';
import { ApiError, isApiError } from '../../../services/api-error';
import { fetchProducts } from '../api/catalog.api';

export type CatalogState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'success'; products: Product[]; loadedAt: number }
  | { status: 'error'; error: ApiError };

/** The list is small and changes rarely; a product page opened from home reuses it. */
export const CATALOG_FRESH_MS = 5 * 60 * 1000;

type Listener = () => void;

let state: CatalogState = { status: 'idle' };
let inFlight: Promise<void> | null = null;
const listeners = new Set<Listener>();

const setState = (next: CatalogState): void => {
  state = next;
  listeners.forEach((listener) => listener());
};

export const catalogStore = {
  getState: (): CatalogState => state,

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /**
   * Loads the product list unless a fresh copy is held. Concurrent callers share one request.
   * `force` is for 重试 and pull-to-refresh.
   */
  load({ force = false }: { force?: boolean } = {}): Promise<void> {
    if (inFlight) return inFlight;
    if (!force && state.status === 'success' && Date.now() - state.loadedAt < CATALOG_FRESH_MS) {
      return Promise.resolve();
    }
    setState({ status: 'loading' });
    inFlight = fetchProducts()
      .then((products) => setState({ status: 'success', products, loadedAt: Date.now() }))
      .catch((error: unknown) => {
        const apiError = isApiError(error)
          ? error
          : new ApiError({ code: 'INTERNAL_ERROR', message: messageOf('INTERNAL_ERROR'), requestId: '', status: 0 });
        setState({ status: 'error', error: apiError });
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },

  /** For tests: forget everything between cases. */
  reset(): void {
    inFlight = null;
    state = { status: 'idle' };
    listeners.clear();
  },
};
