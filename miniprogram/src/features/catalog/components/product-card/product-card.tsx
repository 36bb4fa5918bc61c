import { Text, View } from '@tarojs/components';
import { formatCnyShort, type Product } from '@xiaoan/shared';
import { productKindOfCategory } from '../../../../products';
import { CategoryIcon } from '../category-icon/category-icon';
import './product-card.scss';

export interface ProductCardProps {
  product: Product;
  onOpen: (code: string) => void;
}

/** One product on the home list. The whole card is the tap target. */
export function ProductCard({ product, onOpen }: ProductCardProps) {
  const meta = productKindOfCategory(product.category).categoryMeta;
  return (
    <View
      className="product-card"
      data-code={product.code}
      hoverClass="product-card--pressed"
      onClick={() => onOpen(product.code)}
    >
      <CategoryIcon category={product.category} />
      <View className="product-card__body">
        <View className="product-card__heading">
          <Text className="product-card__name">{product.name}</Text>
          <Text className="product-card__tag">{meta.label}</Text>
        </View>
        <Text className="product-card__tagline">{product.tagline}</Text>
        <View className="product-card__footer">
          <Text className="product-card__insurer">{product.currentVersion.insurerName} 承保</Text>
          <Text className="product-card__price">
            <Text className="product-card__price-amount">{formatCnyShort(product.fromPremiumFen)}</Text> 起
          </Text>
        </View>
      </View>
    </View>
  );
}
