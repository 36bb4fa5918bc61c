import { isRetryable, type ApiError } from '../../services/api-error';
import { EmptyState } from '../empty-state/empty-state';
import { ErrorState } from '../error-state/error-state';
import { Loading } from '../loading/loading';

export interface ListLoadingProps {
  /** 正在加载保单… */
  text: string;
}

/** A list's first load: two skeleton cards under the spinner text. */
export function ListLoading({ text }: ListLoadingProps) {
  return <Loading text={text} skeletonCards={2} />;
}

export interface ListErrorProps {
  error: ApiError;
  /** What to say outside WeChat, where the customer has no session: 请在微信中查看保单. */
  wechatTitle: string;
  onRetry: () => void;
}

/** A list's first load failed: outside WeChat say where to look, else the server's message and 重试 (or 返回 when asking again cannot help). */
export function ListError({ error, wechatTitle, onRetry }: ListErrorProps) {
  if (error.code === 'WECHAT_REQUIRED') return <EmptyState icon="💬" title={wechatTitle} description={error.message} />;
  return (
    <ErrorState retryable={isRetryable(error)} message={error.message} requestId={error.requestId} onRetry={onRetry} />
  );
}
