import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { ApiError, isApiError } from '../services/api-error';

export type ShownListState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; items: T[] };

/**
 * A list page's data, loaded every time the page is shown (a policy bought a minute ago, a claim
 * paid while the customer looked at it) and on pull-down. The first load shows the loading state
 * and, failing, the error state; later loads refresh in place and only toast a failure.
 */
export function useShownList<T>(fetchItems: () => Promise<T[]>): { state: ShownListState<T>; retry: () => void } {
  const [state, setState] = useState<ShownListState<T>>({ status: 'loading' });
  const loaded = useRef(false);

  const load = useCallback(async () => {
    if (!loaded.current) setState({ status: 'loading' });
    try {
      const items = await fetchItems();
      loaded.current = true;
      setState({ status: 'success', items });
    } catch (error) {
      if (loaded.current) {
        void Taro.showToast({ title: isApiError(error) ? error.message : '刷新失败', icon: 'none' });
        return;
      }
      setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') });
    }
  }, [fetchItems]);

  useDidShow(() => {
    void load();
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const retry = useCallback(() => {
    loaded.current = false;
    void load();
  }, [load]);

  return { state, retry };
}
