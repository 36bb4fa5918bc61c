import { productTermsSchema, type Product } from '@xiaoan/shared';
import type { ProductVersionEntity } from './product-version.entity.js';
import type { ProductEntity } from './product.entity.js';

export const toProduct = (product: ProductEntity, version: ProductVersionEntity): Product => ({
  code: product.code,
  name: product.name,
  category: product.category,
  tagline: product.tagline,
  fromPremiumFen: product.fromPremiumFen,
  currentVersion: {
    id: version.id,
    version: version.version,
    insurerName: version.insurerName,
    filingNo: version.filingNo,
    clauses: version.clauses,
    exclusions: version.exclusions,
    // Terms are configuration typed by the shared schema; a bad row fails loudly here, not at a claim.
    terms: productTermsSchema.parse(version.terms),
    effectiveFrom: version.effectiveFrom.toISOString(),
    effectiveTo: version.effectiveTo ? version.effectiveTo.toISOString() : null,
  },
});
