import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { healthResponseSchema, type HealthResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';

const PROBE_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: '200 when the database answers, 503 when it does not' })
  @ApiOkResponse({ schema: openApiSchema(healthResponseSchema) })
  @ApiServiceUnavailableResponse({ schema: openApiSchema(healthResponseSchema) })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthResponse> {
    const databaseUp = await this.databaseAnswers();
    if (!databaseUp) void reply.status(503);
    return { status: databaseUp ? 'ok' : 'unavailable', checks: { database: databaseUp ? 'up' : 'down' } };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
    });
    const probe = this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
