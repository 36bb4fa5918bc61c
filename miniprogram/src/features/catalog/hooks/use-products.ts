import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { catalogStore, type CatalogState } from './catalog-store';

export interface UseProductsResult {
  state: CatalogState;
  /** Fetch again even if the list is fresh (the 重试 button). */
  reload: () => void;
}

/** The product list, loaded on first use and shared by every screen that needs it. */
export function useProducts(): UseProductsResult {
  const state = useSyncExternalStore(catalogStore.subscribe, catalogStore.getState);

  useEffect(() => {
    void catalogStore.load();
  }, []);

  const reload = useCallback(() => {
    void catalogStore.load({ force: true });
  }, []);

  return { state, reload };
}
