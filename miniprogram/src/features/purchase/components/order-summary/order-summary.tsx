import { Text, View } from '@tarojs/components';
import { formatCny } from '@xiaoan/shared';
import type { ReactNode } from 'react';
import './order-summary.scss';

export interface OrderSummaryProps {
  productName: string;
  /** Beside the product name (the flight's date). */
  aside?: string;
  /** Before the payout amount: 赔付, 最高赔付, 下雨赔付 … */
  payoutLabel: string;
  payoutFen: number;
  /** Beside the payout (the flight's rule in short). */
  note?: string;
  /** What is covered, drawn by the product kind. */
  children: ReactNode;
}

/** The card at the top of the insured page: what is being bought and what it pays, checked before paying. */
export function OrderSummary({ productName, aside, payoutLabel, payoutFen, note, children }: OrderSummaryProps) {
  return (
    <View className="order-summary">
      <View className="order-summary__head">
        <Text className="order-summary__product">{productName}</Text>
        {aside ? <Text className="order-summary__date">{aside}</Text> : null}
      </View>
      {children}
      <View className="order-summary__facts">
        <Text>
          {payoutLabel} <Text className="order-summary__strong">{formatCny(payoutFen)}</Text>
        </Text>
        {note ? <Text>{note}</Text> : null}
      </View>
    </View>
  );
}
