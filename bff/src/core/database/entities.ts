import { ProductVersionEntity } from '../../modules/catalog/product-version.entity.js';
import { ProductEntity } from '../../modules/catalog/product.entity.js';

/** Every TypeORM entity of the BFF. */
export const ENTITIES = [ProductEntity, ProductVersionEntity];
