import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createQuoteRequestSchema, productCodeSchema, quoteSchema, type Quote } from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { productKindOfTerms } from '../../products/index.js';
import type { FoundVersion } from '../../products/product-quoter.js';
import { quoterFor, type ProductQuoter } from '../../products/quoters.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';

/** Injection token of every product kind's quoter (`PRODUCT_QUOTERS`). */
export const QUOTERS = Symbol('QUOTERS');

@ApiTags('quotes')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/quotes')
export class QuoteController {
  constructor(
    @Inject(QUOTERS) private readonly quoters: readonly ProductQuoter[],
    private readonly versions: ProductVersionCache,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Quote a policy of any product on sale (the product's kind decides the body: a flight, a city's season, a spot's day); each stop-sale rule has its own error code",
  })
  @ApiBody({ schema: openApiSchema(createQuoteRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(quoteSchema) })
  async create(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<Quote> {
    const found = await this.versionNamedBy(body);
    const soldKind = found?.version ? productKindOfTerms(found.version.terms).kind : null;
    return quoterFor(this.quoters, body, soldKind).quote(customer.customerId, body, found);
  }

  /** The body's product code and its version on sale, when the body names a well-formed code (cached). */
  private async versionNamedBy(body: unknown): Promise<FoundVersion | undefined> {
    const code = productCodeSchema.safeParse(
      typeof body === 'object' && body !== null ? (body as { productCode?: unknown }).productCode : undefined,
    );
    if (!code.success) return undefined;
    return { productCode: code.data, version: await this.versions.currentFor(code.data) };
  }
}
