import type { Product } from '@xiaoan/shared';
import type { ApiError } from '../../../services/api-error';
import { useProducts } from './use-products';

export type ProductLookup =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'not_found' }
  | { status: 'found'; product: Product };

export interface UseProductResult {
  lookup: ProductLookup;
  reload: () => void;
}

/**
 * One product by code. The BFF has no detail endpoint: the product is looked up in the
 * (cached) list, so opening it from home costs no request.
 */
export function useProduct(code: string | undefined): UseProductResult {
  const { state, reload } = useProducts();

  switch (state.status) {
    case 'idle':
    case 'loading':
      return { lookup: { status: 'loading' }, reload };
    case 'error':
      return { lookup: { status: 'error', error: state.error }, reload };
    case 'success': {
      const product = code ? state.products.find((p) => p.code === code) : undefined;
      return { lookup: product ? { status: 'found', product } : { status: 'not_found' }, reload };
    }
  }
}
