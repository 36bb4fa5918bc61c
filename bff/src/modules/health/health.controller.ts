import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { healthResponseSchema, type HealthResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { DatabaseProbe } from './database-probe.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseProbe) {}

  @Get()
  @ApiOperation({ summary: '200 when the database answers, 503 when it does not' })
  @ApiOkResponse({ schema: openApiSchema(healthResponseSchema) })
  @ApiServiceUnavailableResponse({ schema: openApiSchema(healthResponseSchema) })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const databaseUp = await this.database.answers();
    if (!databaseUp) void reply.status(503);
    return { status: databaseUp ? 'ok' : 'unavailable', checks: { database: databaseUp ? 'up' : 'down' } };
  }
}
