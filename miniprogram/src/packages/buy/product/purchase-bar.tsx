import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCnyShort } from '@xiaoan/shared';
import { useState } from 'react';

export interface PurchaseBarProps {
  fromPremiumFen: number;
}

/**
 * The bottom bar. Buying is gated on an explicit, never pre-ticked "I have read the exclusions"
 * (compliance.md row 1). The purchase flow itself is not built yet, so the button only says so.
 */
export function PurchaseBar({ fromPremiumFen }: PurchaseBarProps) {
  const [acknowledged, setAcknowledged] = useState(false);

  const buy = () => {
    if (!acknowledged) return;
    void Taro.showToast({ title: '在线投保即将开放，敬请期待', icon: 'none' });
  };

  return (
    <View className="purchase-bar">
      <View
        className={`exclusions-ack${acknowledged ? ' exclusions-ack--checked' : ''}`}
        onClick={() => setAcknowledged((value) => !value)}
      >
        <View className="exclusions-ack__box">{acknowledged ? '✓' : ''}</View>
        <Text className="exclusions-ack__label">我已阅读并理解免责条款</Text>
      </View>
      <View className="purchase-bar__row">
        <View className="purchase-bar__price">
          <Text className="purchase-bar__amount">{formatCnyShort(fromPremiumFen)}</Text>
          <Text className="purchase-bar__from"> 起</Text>
          <Text className="purchase-bar__note">在线投保即将开放</Text>
        </View>
        <Button
          className={`button button--primary purchase-bar__buy${acknowledged ? '' : ' button--disabled'}`}
          disabled={!acknowledged}
          onClick={buy}
        >
          立即投保
        </Button>
      </View>
    </View>
  );
}
