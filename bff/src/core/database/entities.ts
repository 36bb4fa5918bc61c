import { ProductVersionEntity } from '../../modules/catalog/product-version.entity.js';
import { ProductEntity } from '../../modules/catalog/product.entity.js';
import { PRICING_ENTITIES } from '../../modules/pricing/persistence/pricing.entities.js';
import { CustomerSessionEntity } from '../../modules/identity/customer-session.entity.js';
import { CustomerEntity } from '../../modules/identity/customer.entity.js';

/** Every TypeORM entity of the BFF. */
export const ENTITIES = [
  ProductEntity,
  ProductVersionEntity,
  CustomerEntity,
  CustomerSessionEntity,
  ...PRICING_ENTITIES,
];
