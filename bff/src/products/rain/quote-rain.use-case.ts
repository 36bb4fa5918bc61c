import { Injectable } from '@nestjs/common';
import { rainPayoutFen, rainQuoteRequestSchema, type Quote, type RainTerms } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { WeatherPricingService } from '../../modules/pricing/weather/weather-pricing.service.js';
import { PlaceQuoteService } from '../../modules/quote/place-quote.service.js';
import type { FoundVersion, ProductQuoter } from '../product-quoter.js';
import { checkRainSale } from './rain-sale-rules.js';
import { rainSubjectOf } from './rain-subject.js';
import { rainPlace } from './rain.product.js';

/**
 * RAIN's quote: a spot, the visit date and persons, priced from the spot's rain frequency in that
 * month. Each stop-sale rule has its own code.
 */
@Injectable()
export class QuoteRainUseCase implements ProductQuoter<'rain'> {
  readonly kind = 'rain';
  readonly subjectField = 'spotCode';

  constructor(
    private readonly places: PlaceQuoteService,
    private readonly pricing: WeatherPricingService,
    private readonly clock: Clock,
  ) {}

  async quote(customerId: string, body: unknown, found?: FoundVersion): Promise<Quote> {
    const request = parseWith(rainQuoteRequestSchema, body);
    const now = this.clock.now();
    const version = await this.places.onSale(request.productCode, 'rain', found);
    const terms = version.terms as RainTerms;
    const place = await this.places.place(request.spotCode, rainPlace.placeKind);
    if (request.persons < 1 || request.persons > terms.maxPersons)
      throw new AppException('PERSONS_INVALID', { min: 1, max: terms.maxPersons });
    const closed = checkRainSale(terms, request.visitDate, now);
    if (closed) throw new AppException(closed);
    await this.places.checkCapacity(place, rainPlace.capacityPeriod(request.visitDate), request.persons);
    const price = await this.pricing.priceRain({
      stationId: place.stationId,
      visitDate: request.visitDate,
      persons: request.persons,
      terms,
    });
    if (price.status !== 'priced') throw new AppException('WEATHER_HISTORY_INSUFFICIENT', { reason: price.reason });
    const quote = await this.places.insert(customerId, version, place, {
      units: request.persons,
      coverStart: request.visitDate,
      coverEnd: request.visitDate,
      premiumFen: price.premiumFen,
      payoutFen: rainPayoutFen(terms, request.persons),
      pricing: price,
    });
    return {
      ...quote,
      subject: rainSubjectOf(terms, place, { date: request.visitDate, persons: request.persons }),
    };
  }
}
