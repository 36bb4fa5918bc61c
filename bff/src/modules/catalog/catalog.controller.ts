import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { productListResponseSchema, type ProductListResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { ListProductsUseCase } from './list-products.use-case.js';

@ApiTags('catalogue')
@Controller('v1/products')
export class CatalogController {
  constructor(private readonly listProducts: ListProductsUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Products on sale, each with its current version (clauses, exclusions, filing number)' })
  @ApiOkResponse({ schema: openApiSchema(productListResponseSchema) })
  async list(): Promise<ProductListResponse> {
    return { items: await this.listProducts.execute() };
  }
}
