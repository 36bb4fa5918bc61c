import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HOME_PAGE } from '../../routes';
import './error-state.scss';

export interface ErrorStateProps {
  /** The server's own message (Chinese), shown as is. */
  message: string;
  /** Kept for the log of a failed request; never shown (a request id means nothing to a customer). */
  requestId?: string;
  onRetry?: () => void;
  /**
   * False when asking again cannot help (see `isRetryable`): the screen offers 返回 instead of 重试.
   * Defaults to true when `onRetry` is given.
   */
  retryable?: boolean;
}

/** Back where the customer came from, or the home tab when this page was opened directly. */
const goBack = (): void => {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : [];
  if (pages.length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: HOME_PAGE });
};

export function ErrorState({ message, onRetry, retryable = true }: ErrorStateProps) {
  return (
    <View className="error-state" role="alert">
      <View className="error-state__icon">!</View>
      <Text className="error-state__message">{message}</Text>
      {onRetry && retryable ? (
        <Button className="button button--primary error-state__retry" onClick={onRetry}>
          重试
        </Button>
      ) : (
        <Button className="button button--ghost error-state__back" onClick={goBack}>
          返回
        </Button>
      )}
    </View>
  );
}
