import { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { salesTrail } from '../../../services/trail';

/**
 * Records a page view with its time on page in the sales trail. A mini-program keeps a page
 * alive under the next one (navigateTo), so time on page stops when it is hidden and a new view
 * starts when the buyer comes back to it.
 */
export function useTrailPage(page: string): void {
  const leave = useRef<(() => void) | null>(null);

  const enter = () => {
    if (!leave.current) leave.current = salesTrail.enterPage(page);
  };
  const exit = () => {
    leave.current?.();
    leave.current = null;
  };

  useEffect(() => {
    enter();
    return exit;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useDidShow(enter);
  useDidHide(exit);
}
