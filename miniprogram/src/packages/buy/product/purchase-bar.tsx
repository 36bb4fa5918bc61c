import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatCnyShort, type Product, type ProductCategory } from '@xiaoan/shared';
import { useState } from 'react';
import { reportCampaignAction } from '../../../features/campaign/report-action';
import { flightPageUrl, heatPageUrl, rainPageUrl } from '../../../routes';
import { salesTrail } from '../../../services/trail';

export interface PurchaseBarProps {
  product: Product;
}

/** Where 立即投保 leads for each category: what the buyer chooses next. */
const NEXT_STEP: Record<ProductCategory, { url: (code: string, ack: string) => string; note: string }> = {
  flight_delay: { url: flightPageUrl, note: '下一步：选择航班' },
  heat: { url: heatPageUrl, note: '下一步：选择城市和份数' },
  rain: { url: rainPageUrl, note: '下一步：选择景区和日期' },
};

/**
 * The bottom bar. Buying is gated on an explicit, never pre-ticked "I have read the exclusions"
 * (compliance.md row 1); the confirmation goes into the sales trail with the version read, and
 * that version id travels with the purchase to the order (`exclusionsReadVersion`).
 */
export function PurchaseBar({ product }: PurchaseBarProps) {
  const [acknowledged, setAcknowledged] = useState(false);
  const version = product.currentVersion;
  const next = NEXT_STEP[product.category];

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
    void Taro.navigateTo({ url: next.url(product.code, version.id) });
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
          <Text className="purchase-bar__note">{acknowledged ? next.note : '请先阅读并确认免责条款'}</Text>
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
