import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCnyShort, type Product } from '@xiaoan/shared';
import { useState } from 'react';
import { reportCampaignAction } from '../../../features/campaign/report-action';
import { productKindOfCategory } from '../../../products';
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
  // Where 立即投保 leads: what the buyer of this kind chooses next.
  const next = productKindOfCategory(product.category);

  const toggle = () => {
    const checked = !acknowledged;
    setAcknowledged(checked);
    if (checked) {
      salesTrail.record('exclusions_confirmed', 'product', `${product.code} v${version.version} ${version.id}`);
      // Having read the terms is the friend's own participation a campaign may reward (never a purchase).
      reportCampaignAction('friend_read_terms', product.code);
    }
  };

  const buy = () => {
    if (!acknowledged) return;
    void Taro.navigateTo({ url: next.buyPageUrl(product.code, version.id) });
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
          <Text className="purchase-bar__note">{acknowledged ? next.buyNote : '请先阅读并确认免责条款'}</Text>
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
