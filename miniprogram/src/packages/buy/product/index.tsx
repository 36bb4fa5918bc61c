import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatCnyShort, type Product } from '@xiaoan/shared';
import { useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ErrorState } from '../../../components/error-state/error-state';
import { Loading } from '../../../components/loading/loading';
import { CategoryIcon } from '../../../features/catalog/components/category-icon/category-icon';
import { ClauseList } from '../../../features/catalog/components/clause-list/clause-list';
import { ExclusionsNotice } from '../../../features/catalog/components/exclusions-notice/exclusions-notice';
import { useProduct } from '../../../features/catalog/hooks/use-product';
import { summariseTerms } from '../../../features/catalog/terms-summary';
import { useInviteShare } from '../../../features/campaign/use-invite-share';
import { useTrailPage } from '../../../features/purchase/hooks/use-trail-page';
import { HOME_PAGE } from '../../../routes';
import { salesTrail } from '../../../services/trail';
import { formatShanghaiDate } from '../../../utils/shanghai-date';
import { PurchaseBar } from './purchase-bar';
import { isRetryable } from '../../../services/api-error';
import './index.scss';

interface ProductDetailProps {
  product: Product;
}

function ProductDetail({ product }: ProductDetailProps) {
  const version = product.currentVersion;
  const effective = version.effectiveTo
    ? `${formatShanghaiDate(version.effectiveFrom)} 至 ${formatShanghaiDate(version.effectiveTo)}`
    : `${formatShanghaiDate(version.effectiveFrom)} 起`;

  return (
    <View className="product-detail">
      <View className="product-summary">
        <View className="product-summary__top">
          <CategoryIcon category={product.category} size="lg" />
          <View className="product-summary__titles">
            <Text className="product-summary__name">{product.name}</Text>
            <Text className="product-summary__tagline">{product.tagline}</Text>
          </View>
        </View>
        <View className="product-summary__price">
          <Text className="product-summary__amount">{formatCnyShort(product.fromPremiumFen)}</Text>
          <Text className="product-summary__from"> 起</Text>
        </View>
        <View className="highlights">
          {summariseTerms(version.terms).map((point) => (
            <View key={point} className="highlights__item">
              <Text className="highlights__dot">●</Text>
              <Text>{point}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="section-title">产品信息</View>
      <View className="info-table">
        <View className="info-row">
          <Text className="info-row__label">承保公司</Text>
          <Text className="info-row__value product-insurer">{version.insurerName}</Text>
        </View>
        <View className="info-row">
          <Text className="info-row__label">产品备案编号</Text>
          <Text className="info-row__value product-filing-no">{version.filingNo}</Text>
        </View>
        <View className="info-row">
          <Text className="info-row__label">销售期间</Text>
          <Text className="info-row__value">{effective}</Text>
        </View>
      </View>

      <ExclusionsNotice exclusions={version.exclusions} />

      <View className="section-title">保险条款</View>
      <ClauseList clauses={version.clauses} />
    </View>
  );
}

export default function ProductPage() {
  const { params } = useRouter();
  const code = params.code;
  const { lookup, reload } = useProduct(code);
  // Opening a product page starts a new purchase journey, and with it a new sales trail.
  useState(() => salesTrail.begin());
  useTrailPage(`product:${code ?? ''}`);
  // 转发: the card carries the sharer's invite code; the friend's own reading of the terms is what counts.
  useInviteShare({
    title: lookup.status === 'found' ? `${lookup.product.name}｜小安保险` : '小安保险',
    path: `/packages/buy/product/index?code=${encodeURIComponent(code ?? '')}`,
  });
  const goHome = () => {
    void Taro.switchTab({ url: HOME_PAGE });
  };

  switch (lookup.status) {
    case 'loading':
      return (
        <View className="page product-page">
          <Loading text="正在加载产品信息…" />
        </View>
      );
    case 'error':
      return (
        <View className="page product-page">
          <ErrorState
            retryable={isRetryable(lookup.error)}
            message={lookup.error.message}
            requestId={lookup.error.requestId}
            onRetry={reload}
          />
        </View>
      );
    case 'not_found':
      return (
        <View className="page product-page">
          <EmptyState
            icon="🔍"
            title="该保险产品不存在或已下架"
            description="请返回首页查看在售产品"
            actionText="返回首页"
            onAction={goHome}
          />
        </View>
      );
    case 'found':
      return (
        <View className="page product-page product-page--with-bar">
          <ProductDetail product={lookup.product} />
          <PurchaseBar product={lookup.product} />
        </View>
      );
  }
}
