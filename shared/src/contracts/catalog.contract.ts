import { z } from 'zod';

/**
 * Product codes are configuration, not an enum: a new variant (say FD90) is launched by adding
 * a product and a version row, without a deploy.
 */
export const productCodeSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,15}$/, 'product code: 2-16 upper-case letters and digits');

export const productCategorySchema = z.enum(['flight_delay', 'heat', 'rain']);
export type ProductCategory = z.infer<typeof productCategorySchema>;

const fen = z.number().int().nonnegative();

/** Terms of a flight-delay product version (products.md §1). All money in fen. */
export const flightDelayTermsSchema = z.object({
  kind: z.literal('flight_delay'),
  delayThresholdMinutes: z.number().int().positive(),
  payoutTiersFen: z.array(fen).min(1),
  paysOnCancellation: z.boolean(),
  paysOnDiversion: z.boolean(),
  saleOpensDaysBefore: z.number().int().positive(),
  saleClosesMinutesBefore: z.number().int().nonnegative(),
  capacityPerFlightFen: fen,
  targetLossRatio: z.number().positive().max(1),
  minPremiumFen: fen,
  maxTriggerProbability: z.number().positive().max(1),
  credibilityK: z.number().positive(),
  /**
   * Credibility k per level where it differs from `credibilityK` (ADR 0006, issue 16: the
   * carrier relativity earns weight faster than the airport and route cells).
   */
  credibilityKByLevel: z
    .object({
      flight_season: z.number().positive(),
      route_month_hour_band: z.number().positive(),
      airline: z.number().positive(),
      origin_airport: z.number().positive(),
      destination_airport: z.number().positive(),
    })
    .partial()
    .strict()
    .optional(),
  /**
   * National departure-hour-band relativities (ADR 0006): each band's trigger rate over all
   * bands', credibility `n/(n+k)`, scaling the class rate of flights in that band.
   */
  hourBands: z.object({ k: z.number().positive() }).optional(),
  manualReviewAfterMinutes: z.number().int().positive(),
  /** Thin-cell loading in standard errors of the cell's estimate (ADR 0006; absent = none). */
  uncertaintyLoading: z.number().nonnegative().optional(),
  /** Own observations at which a thin cell's national floor halves (absent = no floor). */
  thinCellK: z.number().nonnegative().optional(),
  /**
   * Recent-experience factor (ADR 0006): observed ÷ predicted triggers of the last `windowDays`
   * of tracked flights, each day weighted `0.5^(age/halfLifeDays)`, credibility `E/(E+experienceK)`
   * with E the expected triggers, nested over `levels`, the product bounded to [minFactor, maxFactor].
   */
  experience: z
    .object({
      windowDays: z.number().int().positive(),
      halfLifeDays: z.number().positive(),
      experienceK: z.number().positive(),
      minFactor: z.number().positive(),
      maxFactor: z.number().positive(),
      levels: z
        .array(z.enum(['national', 'carrier', 'origin', 'route']))
        .min(1)
        .optional(),
    })
    .optional(),
  /**
   * Surge loading (ADR 0006, issue 16): a second, fast experience factor over the same daily
   * outcomes. It loads the *price* only, by `fast ÷ experience` when that is above 1 (at most
   * `maxFactor`), and never lowers it: the best estimate of p (what the decline rule reads)
   * follows the slow `experience`, the premium also charges for the chance a bad run persists.
   */
  surgeLoading: z
    .object({
      windowDays: z.number().int().positive(),
      halfLifeDays: z.number().positive(),
      experienceK: z.number().positive(),
      minFactor: z.number().positive(),
      maxFactor: z.number().positive(),
      levels: z
        .array(z.enum(['national', 'carrier', 'origin', 'route']))
        .min(1)
        .optional(),
    })
    .optional(),
  /** Month-of-year factors from the route × month statistics, used once they span `minMonths` months. */
  seasonality: z.object({ monthK: z.number().positive(), minMonths: z.number().int().positive() }).optional(),
  /**
   * Live guard rail: when claims approved ÷ premium earned of this version over the last
   * `windowDays` exceeds `maxLossRatio` (with at least `minPremiumFen` earned), new sales of the
   * version stop. With `repriceFactor`, a new version is published instead, its target loss ratio
   * divided by that factor (premiums × factor), with the reason recorded; the breached version
   * stops either way.
   */
  lossRatioGuard: z
    .object({
      maxLossRatio: z.number().positive(),
      windowDays: z.number().int().positive(),
      minPremiumFen: fen,
      repriceFactor: z.number().gt(1).max(3).optional(),
    })
    .optional(),
});

/** Terms of a heat-day product version (products.md §2). */
export const heatTermsSchema = z.object({
  kind: z.literal('heat'),
  thresholdCelsius: z.number(),
  seasonStart: z.string().regex(/^\d{2}-\d{2}$/),
  seasonEnd: z.string().regex(/^\d{2}-\d{2}$/),
  tickPerUnitFen: fen,
  capPerUnitFen: fen,
  minUnits: z.number().int().positive(),
  maxUnits: z.number().int().positive(),
  waitingPeriodDays: z.number().int().nonnegative(),
  defaultDeductibleDays: z.number().int().nonnegative(),
  deductibleDaysByCity: z.record(z.string(), z.number().int().nonnegative()),
  uncertaintyLoading: z.number().nonnegative(),
  targetLossRatio: z.number().positive().max(1),
  minHistorySeasons: z.number().int().positive(),
});

/** Terms of a scenic-spot rain product version (products.md §3). */
export const rainTermsSchema = z.object({
  kind: z.literal('rain'),
  thresholdMm: z.number().positive(),
  windowStart: z.string().regex(/^\d{2}:\d{2}$/),
  windowEnd: z.string().regex(/^\d{2}:\d{2}$/),
  payoutPerPersonFen: fen,
  maxPersons: z.number().int().positive(),
  saleClosesAtLocalTimeDayBefore: z.string().regex(/^\d{2}:\d{2}$/),
  targetLossRatio: z.number().positive().max(1),
  minPremiumFen: fen,
});

export const productTermsSchema = z.discriminatedUnion('kind', [
  flightDelayTermsSchema,
  heatTermsSchema,
  rainTermsSchema,
]);
export type ProductTerms = z.infer<typeof productTermsSchema>;
export type FlightDelayTerms = z.infer<typeof flightDelayTermsSchema>;
export type HeatTerms = z.infer<typeof heatTermsSchema>;
export type RainTerms = z.infer<typeof rainTermsSchema>;

export const clauseSchema = z.object({
  title: z.string().min(1),
  body: z.string().min(1),
});
export type Clause = z.infer<typeof clauseSchema>;

/** One immutable version of a product: what a policy is sold under, word for word. */
export const productVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  insurerName: z.string().min(1),
  filingNo: z.string().min(1),
  clauses: z.array(clauseSchema).min(1),
  exclusions: z.array(z.string().min(1)).min(1),
  terms: productTermsSchema,
  effectiveFrom: z.iso.datetime({ offset: true }),
  effectiveTo: z.iso.datetime({ offset: true }).nullable(),
});
export type ProductVersion = z.infer<typeof productVersionSchema>;

export const productSchema = z.object({
  code: productCodeSchema,
  name: z.string().min(1),
  category: productCategorySchema,
  tagline: z.string(),
  /** The lowest premium a customer can pay, for the "from ¥x" on the product card. */
  fromPremiumFen: fen,
  currentVersion: productVersionSchema,
});
export type Product = z.infer<typeof productSchema>;

export const productListResponseSchema = z.object({
  items: z.array(productSchema),
});
export type ProductListResponse = z.infer<typeof productListResponseSchema>;

export const productCodeParamsSchema = z.object({
  code: productCodeSchema,
});
