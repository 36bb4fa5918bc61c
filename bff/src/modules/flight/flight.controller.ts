import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { flightListResponseSchema, flightQuerySchema, type FlightListResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { LookupFlightsUseCase } from './lookup-flights.use-case.js';

@ApiTags('flights')
@Controller('v1/flights')
export class FlightController {
  constructor(private readonly lookup: LookupFlightsUseCase) {}

  @Get()
  @ApiOperation({
    summary: 'One flight on a date (FLIGHT_NOT_FOUND if unknown), or the day’s schedule without flightNo',
  })
  @ApiQuery({ name: 'date', example: '2026-12-01' })
  @ApiQuery({ name: 'flightNo', required: false, example: 'MU5101' })
  @ApiQuery({ name: 'productCode', required: false, example: 'FD120' })
  @ApiOkResponse({ schema: openApiSchema(flightListResponseSchema) })
  async search(@Query() query: unknown): Promise<FlightListResponse> {
    const { date, flightNo, productCode } = parseWith(flightQuerySchema, query);
    return { items: await this.lookup.search(date, flightNo, productCode) };
  }
}
