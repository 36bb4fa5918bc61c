import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { weatherReadingEventSchema } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { verifyFeedSignature } from '../trigger/feed-signature.js';
import { IngestWeatherReadingUseCase, type WeatherIngestResult } from './ingest-weather-reading.use-case.js';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * The weather provider's webhook: one observation per request, HMAC-checked over the raw bytes
 * before anything is parsed (a forged or stale request answers 401 and changes nothing). The 200
 * is sent after the commit: the reading, and any RAIN claims it approved, are durable.
 */
@ApiExcludeController()
@Controller('v1/feeds')
export class WeatherFeedController {
  constructor(
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
    private readonly ingest: IngestWeatherReadingUseCase,
  ) {}

  @Post('weather')
  @HttpCode(200)
  async weather(
    @Req() request: RawRequest,
    @Headers() headers: Record<string, string>,
  ): Promise<WeatherIngestResult & { eventId: string }> {
    const raw =
      request.rawBody ??
      Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''));
    verifyFeedSignature(this.integrations.weatherFeedSecret, headers, raw);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppException('MALFORMED_BODY');
    }
    const event = parseWith(weatherReadingEventSchema, body);
    return { eventId: event.eventId, ...(await this.ingest.execute(event, 'push')) };
  }
}
