import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState } from '../../components/empty-state/empty-state';
import { ErrorState } from '../../components/error-state/error-state';
import { Loading } from '../../components/loading/loading';
import { CampaignEntry } from '../../features/campaign/components/campaign-entry';
import { ProductCard } from '../../features/catalog/components/product-card/product-card';
import { useProducts } from '../../features/catalog/hooks/use-products';
import { productPageUrl } from '../../routes';
import { isRetryable } from '../../services/api-error';
import './index.scss';

const PROMISES = ['持牌保险公司承保', '触发即赔 无需报案', '赔款红包到微信'];

function HomeHero() {
  return (
    <View className="home-hero">
      <Text className="home-hero__title">小安保险</Text>
      <Text className="home-hero__subtitle">航班延误、高温、下雨，数据说了算，赔款自动到账</Text>
      <View className="home-hero__promises">
        {PROMISES.map((text) => (
          <Text key={text} className="home-hero__promise">
            ✓ {text}
          </Text>
        ))}
      </View>
    </View>
  );
}

function ProductList() {
  const { state, reload } = useProducts();
  const openProduct = (code: string) => {
    void Taro.navigateTo({ url: productPageUrl(code) });
  };

  switch (state.status) {
    case 'idle':
    case 'loading':
      return <Loading text="正在加载在售产品…" skeletonCards={3} />;
    case 'error':
      return (
        <ErrorState
          retryable={isRetryable(state.error)}
          message={state.error.message}
          requestId={state.error.requestId}
          onRetry={reload}
        />
      );
    case 'success':
      if (state.products.length === 0) {
        return <EmptyState icon="🛡️" title="暂无在售产品" description="新的保障正在路上，请稍后再来看看" />;
      }
      return (
        <View className="product-list">
          {state.products.map((product) => (
            <ProductCard key={product.code} product={product} onOpen={openProduct} />
          ))}
        </View>
      );
  }
}

export default function HomePage() {
  return (
    <View className="page home">
      <HomeHero />
      <CampaignEntry variant="home" />
      <View className="section-title">在售保障</View>
      <ProductList />
      <Text className="home__footnote">参数化保险：是否赔付由航班、气象等客观数据判定</Text>
    </View>
  );
}
