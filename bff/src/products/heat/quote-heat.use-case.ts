import { Injectable } from '@nestjs/common';
import { heatDeductibleDays, heatQuoteRequestSchema, type HeatTerms, type Quote } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { WeatherPricingService } from '../../modules/pricing/weather/weather-pricing.service.js';
import { PlaceQuoteService } from '../../modules/quote/place-quote.service.js';
import type { FoundVersion, ProductQuoter } from '../product-quoter.js';
import { checkHeatSale } from './heat-sale-rules.js';
import { heatSubjectOf } from './heat-subject.js';
import { heatPlace } from './heat.product.js';

/**
 * HEAT37's quote: a city, 1-10 units and the season, priced per unit from the city's history over
 * the days the cover would have (the waiting period applied). Each stop-sale rule has its own code.
 */
@Injectable()
export class QuoteHeatUseCase implements ProductQuoter<'heat'> {
  readonly kind = 'heat';
  readonly subjectField = 'cityCode';

  constructor(
    private readonly places: PlaceQuoteService,
    private readonly pricing: WeatherPricingService,
    private readonly clock: Clock,
  ) {}

  async quote(customerId: string, body: unknown, found?: FoundVersion): Promise<Quote> {
    const request = parseWith(heatQuoteRequestSchema, body);
    const now = this.clock.now();
    const version = await this.places.onSale(request.productCode, 'heat', found);
    const terms = version.terms as HeatTerms;
    const place = await this.places.place(request.cityCode, heatPlace.placeKind);
    if (request.units < terms.minUnits || request.units > terms.maxUnits)
      throw new AppException('UNITS_INVALID', { min: terms.minUnits, max: terms.maxUnits });
    const sale = checkHeatSale(terms, request.seasonYear, now);
    if (!sale.ok) throw new AppException(sale.code);
    await this.places.checkCapacity(place, heatPlace.capacityPeriod(sale.cover.end), request.units);
    const deductibleDays = heatDeductibleDays(terms, place.code);
    const price = await this.pricing.priceHeat({
      stationId: place.stationId,
      terms,
      deductibleDays,
      cover: { start: sale.cover.start, end: sale.cover.end },
    });
    if (price.status !== 'priced') {
      throw new AppException(
        price.reason === 'INSUFFICIENT_HISTORY' ? 'WEATHER_HISTORY_INSUFFICIENT' : 'HEAT_PRICING_DECLINED',
        { reason: price.reason },
      );
    }
    // A unit never sells for what it can pay at most: history says the cap is all but certain.
    if (price.premiumPerUnitFen >= terms.capPerUnitFen) {
      throw new AppException('HEAT_PRICING_DECLINED', {
        reason: 'PREMIUM_NOT_BELOW_CAP',
        premiumPerUnitFen: price.premiumPerUnitFen,
      });
    }
    const quote = await this.places.insert(customerId, version, place, {
      units: request.units,
      coverStart: sale.cover.start,
      coverEnd: sale.cover.end,
      premiumFen: price.premiumPerUnitFen * request.units,
      payoutFen: terms.capPerUnitFen * request.units,
      pricing: { ...price, deductibleDays, cover: { start: sale.cover.start, end: sale.cover.end } },
    });
    return {
      ...quote,
      subject: heatSubjectOf(terms, place, {
        seasonYear: request.seasonYear,
        units: request.units,
        start: sale.cover.start,
        end: sale.cover.end,
        deductibleDays,
      }),
    };
  }
}
