import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { ListProductsUseCase } from './list-products.use-case.js';
import { ProductVersionCache } from './product-version.cache.js';

@Module({
  controllers: [CatalogController],
  providers: [ListProductsUseCase, ProductVersionCache],
  exports: [ListProductsUseCase, ProductVersionCache],
})
export class CatalogModule {}
