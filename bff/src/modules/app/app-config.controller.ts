import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { appConfigResponseSchema, type AppConfigResponse } from '@xiaoan/shared';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';

@ApiTags('app')
@Controller('v1/app-config')
export class AppConfigController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What the client needs to know about this deployment' })
  @ApiOkResponse({ schema: openApiSchema(appConfigResponseSchema) })
  get(): AppConfigResponse {
    return {
      simulator: this.config.simulator.enabled,
      subscribeTemplates: { claimApproved: this.integrations.claimApprovedTemplateId },
    };
  }
}
