import { View } from '@tarojs/components';
import type { ProductCategory } from '@xiaoan/shared';
import { productKindOfCategory } from '../../../../products';
import './category-icon.scss';

export interface CategoryIconProps {
  category: ProductCategory;
  size?: 'md' | 'lg';
}

export function CategoryIcon({ category, size = 'md' }: CategoryIconProps) {
  const meta = productKindOfCategory(category).categoryMeta;
  return <View className={`category-icon category-icon--${size} category-tone--${meta.tone}`}>{meta.icon}</View>;
}
