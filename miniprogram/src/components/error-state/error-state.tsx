import { Button, Text, View } from '@tarojs/components';
import './error-state.scss';

export interface ErrorStateProps {
  /** The server's own message (Chinese), shown as is. */
  message: string;
  /** Lets customer service find the failed request in the logs. */
  requestId?: string;
  onRetry?: () => void;
}

export function ErrorState({ message, requestId, onRetry }: ErrorStateProps) {
  return (
    <View className="error-state" role="alert">
      <View className="error-state__icon">!</View>
      <Text className="error-state__message">{message}</Text>
      {requestId ? <Text className="error-state__request-id">请求编号 {requestId}</Text> : null}
      {onRetry ? (
        <Button className="button button--primary error-state__retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}
