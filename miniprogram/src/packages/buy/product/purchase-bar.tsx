import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCnyShort, type Product } from '@xiaoan/shared';
import { useState } from 'react';
import { flightPageUrl } from '../../../routes';
import { salesTrail } from '../../../services/trail';

export interface PurchaseBarProps {
  product: Product;
}

/**
 * The bottom bar. Buying is gated on an explicit, never pre-ticked "I have read the exclusions"
 * (compliance.md row 1); the confirmation goes into the sales trail with the version read, and
 * that version id travels with the purchase to the order (`exclusionsReadVersion`).
 */
export function PurchaseBar({ product }: PurchaseBarProps) {
  const [acknowledged, setAcknowledged] = useState(false);
  const version = product.currentVersion;
  const onSale = version.terms.kind === 'flight_delay';

  const toggle = () => {
    const next = !acknowledged;
    setAcknowledged(next);
    if (next) salesTrail.record('exclusions_confirmed', 'product', `${product.code} v${version.version} ${version.id}`);
  };

  const buy = () => {
    if (!acknowledged) return;
    if (!onSale) {
      void Taro.showToast({ title: '在线投保即将开放，敬请期待', icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: flightPageUrl(product.code, version.id) });
  };

  return (
    <View className="purchase-bar">
      <View className={`exclusions-ack${acknowledged ? ' exclusions-ack--checked' : ''}`} onClick={toggle}>
        <View className="exclusions-ack__box">{acknowledged ? '✓' : ''}</View>
        <Text className="exclusions-ack__label">我已阅读并理解免责条款</Text>
      </View>
      <View className="purchase-bar__row">
        <View className="purchase-bar__price">
          <Text className="purchase-bar__amount">{formatCnyShort(product.fromPremiumFen)}</Text>
          <Text className="purchase-bar__from"> 起</Text>
          <Text className="purchase-bar__note">{!onSale ? '在线投保即将开放' : acknowledged ? '下一步：选择航班' : '请先阅读并确认免责条款'}</Text>
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
