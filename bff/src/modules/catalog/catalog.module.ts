import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { ListProductsUseCase } from './list-products.use-case.js';

@Module({
  controllers: [CatalogController],
  providers: [ListProductsUseCase],
  exports: [ListProductsUseCase],
})
export class CatalogModule {}
