import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  heatDeductibleDays,
  weatherPlaceListQuerySchema,
  weatherPlaceListResponseSchema,
  type HeatTerms,
  type WeatherPlaceListResponse,
} from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { WeatherPricingService } from '../pricing/weather/weather-pricing.service.js';
import { WeatherPlaces } from './weather-places.js';

@ApiTags('weather')
@Controller('v1/weather')
export class WeatherPlacesController {
  constructor(
    private readonly places: WeatherPlaces,
    private readonly versions: ProductVersionCache,
    private readonly pricing: WeatherPricingService,
  ) {}

  @Get('places')
  @ApiOperation({
    summary: 'Cities (HEAT37) or scenic spots (RAIN) on sale, with the deductible and the average hot days of a city',
  })
  @ApiOkResponse({ schema: openApiSchema(weatherPlaceListResponseSchema) })
  async list(@Query() query: unknown): Promise<WeatherPlaceListResponse> {
    const { kind } = parseWith(weatherPlaceListQuerySchema, query);
    const places = await this.places.list(kind);
    const heat = kind === 'city' ? await this.heatTerms() : null;
    const items = await Promise.all(
      places.map(async (place) => ({
        code: place.code,
        kind: place.kind,
        name: place.name,
        cityName: place.cityName,
        stationId: place.stationId,
        deductibleDays: heat ? heatDeductibleDays(heat, place.code) : null,
        averageHotDays: heat ? await this.pricing.averageHotDays(place.stationId, heat) : null,
      })),
    );
    return { items };
  }

  /** The terms of the heat product on sale (the first by the catalogue's order). */
  private async heatTerms(): Promise<HeatTerms | null> {
    const version = await this.versions.currentForCategory('heat');
    return version?.terms.kind === 'heat' ? version.terms : null;
  }
}
