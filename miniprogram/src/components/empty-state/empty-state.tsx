import { Button, Text, View } from '@tarojs/components';
import './empty-state.scss';

export interface EmptyStateProps {
  title: string;
  description?: string;
  icon?: string;
  actionText?: string;
  onAction?: () => void;
}

export function EmptyState({ title, description, icon = '📭', actionText, onAction }: EmptyStateProps) {
  return (
    <View className="empty-state">
      <View className="empty-state__icon">{icon}</View>
      <Text className="empty-state__title">{title}</Text>
      {description ? <Text className="empty-state__description">{description}</Text> : null}
      {actionText && onAction ? (
        <Button className="button button--ghost empty-state__action" onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  );
}
