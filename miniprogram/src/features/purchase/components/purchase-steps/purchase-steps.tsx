import { Text, View } from '@tarojs/components';
import { purchaseWordsOf, type PurchaseFlow } from '../../purchase-flow';
import './purchase-steps.scss';

export interface PurchaseStepsProps {
  /** 0-based index of the current step. */
  current: number;
  /** null while the order's kind is not known: the steps are then named for any kind. */
  flow: PurchaseFlow | null;
}

/** Where the buyer is in the purchase, so the number of steps is never a surprise. */
export function PurchaseSteps({ current, flow }: PurchaseStepsProps) {
  return (
    <View className="purchase-steps" data-flow={flow ?? 'any'}>
      {purchaseWordsOf(flow).purchaseSteps.map((label, index) => {
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
