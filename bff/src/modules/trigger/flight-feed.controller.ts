import { Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { flightStatusEventSchema } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { verifyFeedSignature } from './feed-signature.js';
import { IngestFlightStatusUseCase, type IngestResult } from './ingest-flight-status.use-case.js';

type RawRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * The flight-status provider's webhook. The HMAC is checked over the raw bytes before anything is
 * parsed; a forged or stale request answers 401 and changes nothing. The answer is sent after the
 * commit, so a 200 means the event, and any claims it triggered, are durable.
 */
@ApiExcludeController()
@Controller('v1/feeds')
export class FlightFeedController {
  constructor(
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
    private readonly ingest: IngestFlightStatusUseCase,
  ) {}

  @Post('flight-status')
  @HttpCode(200)
  async flightStatus(
    @Req() request: RawRequest,
    @Headers() headers: Record<string, string>,
  ): Promise<IngestResult & { eventId: string }> {
    const raw =
      request.rawBody ??
      Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? ''));
    verifyFeedSignature(this.integrations.flightFeedSecret, headers, raw);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppException('MALFORMED_BODY');
    }
    const event = parseWith(flightStatusEventSchema, body);
    return { eventId: event.eventId, ...(await this.ingest.execute(event, 'push')) };
  }
}
