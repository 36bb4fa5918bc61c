import { Text, View } from '@tarojs/components';
import './purchase-steps.scss';

const STEPS = ['选择航班', '选择保障', '填写信息', '支付'] as const;

export interface PurchaseStepsProps {
  /** 0-based index of the current step. */
  current: number;
}

/** Where the buyer is in the purchase, so the number of steps is never a surprise. */
export function PurchaseSteps({ current }: PurchaseStepsProps) {
  return (
    <View className="purchase-steps">
      {STEPS.map((label, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'todo';
        return (
          <View key={label} className={`purchase-steps__step purchase-steps__step--${state}`}>
            <Text className="purchase-steps__dot">{index < current ? '✓' : index + 1}</Text>
            <Text className="purchase-steps__label">{label}</Text>
          </View>
        );
      })}
    </View>
  );
}
