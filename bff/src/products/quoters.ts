import type { Type } from '@nestjs/common';
import type { CoverSubjectKind } from '@xiaoan/shared';
import { QuoteFlightDelayUseCase } from './flight-delay/quote-flight-delay.use-case.js';
import { QuoteHeatUseCase } from './heat/quote-heat.use-case.js';
import type { ProductQuoter } from './product-quoter.js';
import { QuoteRainUseCase } from './rain/quote-rain.use-case.js';

export { QUOTE_TTL_MS, type ProductQuoter } from './product-quoter.js';

/**
 * Each kind's quote provider (kept apart from `PRODUCT_KINDS`, which is pure: these are Nest
 * providers with the pricing and catalogue behind them). A kind without one fails to compile.
 */
export const PRODUCT_QUOTERS: { readonly [K in CoverSubjectKind]: Type<ProductQuoter<K>> } = {
  flight: QuoteFlightDelayUseCase,
  heat: QuoteHeatUseCase,
  rain: QuoteRainUseCase,
};

/** A body that names no kind's subject is checked as the flight's, so its errors name the flight's fields. */
export const DEFAULT_QUOTE_KIND: CoverSubjectKind = 'flight';

/** The quoter for a quote body: the kind whose subject field it names, else the default kind's. */
export const quoterFor = <Q extends ProductQuoter>(quoters: readonly Q[], body: unknown): Q => {
  const names = (field: string) => typeof body === 'object' && body !== null && field in body;
  const quoter =
    quoters.find((candidate) => names(candidate.subjectField)) ??
    quoters.find((candidate) => candidate.kind === DEFAULT_QUOTE_KIND);
  if (!quoter) throw new Error(`no quoter for the default kind ${DEFAULT_QUOTE_KIND}`);
  return quoter;
};
