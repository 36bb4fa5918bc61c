import { Text, View } from '@tarojs/components';
import './loading.scss';

export interface LoadingProps {
  /** Shown under the spinner, and read out by screen readers. */
  text?: string;
  /** Draw this many grey card placeholders instead of a spinner, to hint at the layout to come. */
  skeletonCards?: number;
}

export function Loading({ text = '加载中…', skeletonCards }: LoadingProps) {
  if (skeletonCards) {
    return (
      <View className="loading loading--skeleton" aria-busy="true">
        <Text className="loading__sr">{text}</Text>
        {Array.from({ length: skeletonCards }, (_, index) => (
          <View key={index} className="skeleton-card">
            <View className="skeleton-card__icon" />
            <View className="skeleton-card__lines">
              <View className="skeleton-card__line skeleton-card__line--title" />
              <View className="skeleton-card__line" />
              <View className="skeleton-card__line skeleton-card__line--short" />
            </View>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className="loading loading--spinner" aria-busy="true">
      <View className="loading__spinner" />
      <Text className="loading__text">{text}</Text>
    </View>
  );
}
