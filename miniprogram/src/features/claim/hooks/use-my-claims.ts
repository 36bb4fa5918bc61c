import Taro, { useDidShow } from '@tarojs/taro';
import type { ClaimSummary } from '@xiaoan/shared';
import { useCallback, useRef, useState } from 'react';
import { fetchMyClaims } from '../api/claim.api';
import { countCollectable } from '../claim-status';

/** The 我的 tab (app.config.ts tabBar.list). */
const ME_TAB_INDEX = 2;

/**
 * The red dot on the 我的 tab while a red packet waits. Only tab pages may call this (the weapp
 * answers "not TabBar page" elsewhere), and a failure is cosmetic, so it is swallowed.
 */
export const syncCollectableDot = (claims: readonly ClaimSummary[]): void => {
  try {
    const call =
      countCollectable(claims) > 0
        ? Taro.showTabBarRedDot({ index: ME_TAB_INDEX })
        : Taro.hideTabBarRedDot({ index: ME_TAB_INDEX });
    void Promise.resolve(call).catch(() => undefined);
  } catch {
    // No tab bar here (e.g. H5 opened on a sub-page).
  }
};

/**
 * The customer's claims for a tab page's entry points and badge, refreshed whenever the page is
 * shown. Quiet: a failure (offline, H5 outside WeChat) leaves the last answer, or null.
 */
export function useMyClaims(): { claims: ClaimSummary[] | null } {
  const [claims, setClaims] = useState<ClaimSummary[] | null>(null);
  const loading = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      const items = await fetchMyClaims();
      setClaims(items);
      syncCollectableDot(items);
    } catch {
      // The entry still works; the badge waits for the next show.
    } finally {
      loading.current = false;
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  return { claims };
}
