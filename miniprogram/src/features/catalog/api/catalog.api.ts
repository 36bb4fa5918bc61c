import { productListResponseSchema, type Product } from '@xiaoan/shared';
import { request } from '../../../services/http';

/** Every product on sale, each with its current version (clauses, exclusions, terms). */
export const fetchProducts = async (): Promise<Product[]> => {
  const body = await request(productListResponseSchema, '/api/v1/products');
  return body.items;
};
