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

/**
 * The quoter for a quote body. The kind its product sells decides when the product is on sale
 * (`soldKind`): two kinds may take the same body (a spot, a date, persons), so the fields alone
 * cannot tell them apart. Otherwise the kind whose subject field the body names, so that an unknown
 * product is refused by the quoter whose fields it used; otherwise the default kind's.
 */
export const quoterFor = <Q extends ProductQuoter>(
  quoters: readonly Q[],
  body: unknown,
  soldKind: CoverSubjectKind | null,
): Q => {
  const names = (field: string) => typeof body === 'object' && body !== null && field in body;
  const quoter =
    (soldKind ? quoters.find((candidate) => candidate.kind === soldKind) : undefined) ??
    quoters.find((candidate) => names(candidate.subjectField)) ??
    quoters.find((candidate) => candidate.kind === DEFAULT_QUOTE_KIND);
  if (!quoter) throw new Error(`no quoter for the default kind ${DEFAULT_QUOTE_KIND}`);
  return quoter;
};
