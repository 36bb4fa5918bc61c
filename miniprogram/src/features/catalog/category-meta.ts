import type { ProductCategory } from '@xiaoan/shared';

export interface CategoryMeta {
  /** Emoji stands in for artwork: no remote images, nothing to download in the main package. */
  icon: string;
  label: string;
  /** Suffix of the `category-tone--*` class that colours the icon tile. */
  tone: 'sky' | 'sun' | 'rain';
}

export const CATEGORY_META: Record<ProductCategory, CategoryMeta> = {
  flight_delay: { icon: '✈️', label: '出行保障', tone: 'sky' },
  heat: { icon: '☀️', label: '高温补贴', tone: 'sun' },
  rain: { icon: '🌧️', label: '出游保障', tone: 'rain' },
};
