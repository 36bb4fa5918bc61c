import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';

export interface QueryStateProps {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading, error (with the BFF's own words and a retry) and empty states, the same on every page. */
export function QueryState({ isLoading, error, isEmpty, emptyText, onRetry, children }: QueryStateProps) {
  if (isLoading) return <Skeleton active data-testid="loading" />;
  if (error) {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="load-error"
        message="加载失败"
        description={(error as Error).message || '系统繁忙，请稍后再试'}
        action={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
      />
    );
  }
  if (isEmpty) return <Empty description={emptyText ?? '暂无数据'} />;
  return <>{children}</>;
}
