import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { HeatTerms, Product, RainTerms } from '@xiaoan/shared';
import type { ReactElement } from 'react';
import { EmptyState } from '../../../../components/empty-state/empty-state';
import { ErrorState } from '../../../../components/error-state/error-state';
import { Loading } from '../../../../components/loading/loading';
import { HOME_PAGE, productPageUrl } from '../../../../routes';
import { useWeatherClock } from '../../../../services/weather-clock';
import { isRetryable } from '../../../../services/api-error';
import { useProduct } from '../../../catalog/hooks/use-product';
import { useTrailPage } from '../../../purchase/hooks/use-trail-page';

type WeatherTerms = { heat: HeatTerms; rain: RainTerms };

interface WeatherProductGateProps<K extends keyof WeatherTerms> {
  kind: K;
  /** The page's root class, e.g. `heat-page`. */
  pageClass: string;
  /** The sales-trail page name. */
  trailPage: string;
  /** Where "返回产品页" goes when the page was opened without a product code. */
  fallbackCode: string;
  children: (product: Product, terms: WeatherTerms[K], ack: string) => ReactElement;
}

/**
 * What every weather purchase page does before the buyer picks anything: it needs the product
 * code and the "I have read the exclusions" acknowledgement from the product page, loads the
 * product and the (simulator's) clock, and answers loading, errors and unknown products in words.
 */
export function WeatherProductGate<K extends keyof WeatherTerms>({
  kind,
  pageClass,
  trailPage,
  fallbackCode,
  children,
}: WeatherProductGateProps<K>) {
  const { params } = useRouter();
  const code = params.code ?? '';
  const ack = params.ack ?? '';
  useTrailPage(trailPage);
  const { lookup, reload } = useProduct(code);
  const clockReady = useWeatherClock(Boolean(code && ack));
  const page = (content: ReactElement) => <View className={`page ${pageClass}`}>{content}</View>;

  if (!code || !ack) {
    return page(
      <EmptyState
        icon="📋"
        title="请先阅读免责条款"
        description="投保前需在产品页阅读并确认免责条款"
        actionText="返回产品页"
        onAction={() => void Taro.redirectTo({ url: productPageUrl(code || fallbackCode) })}
      />,
    );
  }
  if (lookup.status === 'loading' || (lookup.status === 'found' && !clockReady))
    return page(<Loading text="正在加载保障方案…" />);
  if (lookup.status === 'error')
    return page(
      <ErrorState
        retryable={isRetryable(lookup.error)}
        message={lookup.error.message}
        requestId={lookup.error.requestId}
        onRetry={reload}
      />,
    );
  if (lookup.status === 'found') {
    const { terms } = lookup.product.currentVersion;
    if (terms.kind === kind) return children(lookup.product, terms as WeatherTerms[K], ack);
  }
  return page(
    <EmptyState
      icon="🔍"
      title="该保险产品不存在或已下架"
      actionText="返回首页"
      onAction={() => void Taro.switchTab({ url: HOME_PAGE })}
    />,
  );
}
