import { View } from '@tarojs/components';
import type { ProductCategory } from '@xiaoan/shared';
import { CATEGORY_META } from '../../category-meta';
import './category-icon.scss';

export interface CategoryIconProps {
  category: ProductCategory;
  size?: 'md' | 'lg';
}

export function CategoryIcon({ category, size = 'md' }: CategoryIconProps) {
  const meta = CATEGORY_META[category];
  return <View className={`category-icon category-icon--${size} category-tone--${meta.tone}`}>{meta.icon}</View>;
}
