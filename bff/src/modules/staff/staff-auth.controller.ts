import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  staffChangePasswordRequestSchema,
  staffLoginRequestSchema,
  staffLoginResponseSchema,
  staffMeResponseSchema,
  type StaffLoginResponse,
  type StaffMeResponse,
} from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffMember, type AuthenticatedStaff } from './authenticated-staff.js';
import { ChangeStaffPasswordUseCase } from './change-staff-password.use-case.js';
import { packedRulesFor } from './domain/staff-policy.js';
import { StaffAudit } from './staff-audit.service.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffLoginUseCase } from './staff-login.use-case.js';
import { StaffUserRepository } from './staff-user.repository.js';

/** Staff sign-in, sign-out, own password, and who am I (with the abilities the console hides by). */
@ApiTags('staff')
@Controller('v1/staff')
export class StaffAuthController {
  constructor(
    private readonly login: StaffLoginUseCase,
    private readonly changePassword: ChangeStaffPasswordUseCase,
    private readonly users: StaffUserRepository,
    private readonly audit: StaffAudit,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Staff sign-in (support, marketing, admin); throttled per account and per IP (429 RATE_LIMITED with Retry-After)',
  })
  @ApiBody({ schema: openApiSchema(staffLoginRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffLoginResponseSchema) })
  async signIn(@Body() body: unknown, @Req() request: { id?: string; ip?: string }): Promise<StaffLoginResponse> {
    return this.login.execute(parseWith(staffLoginRequestSchema, body), {
      ip: request.ip,
      requestId: request.id === undefined ? undefined : String(request.id),
    });
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(StaffAuthGuard)
  @StaffMember()
  @ApiOperation({ summary: 'End this staff session' })
  @ApiNoContentResponse()
  async signOut(@CurrentStaff() staff: AuthenticatedStaff): Promise<void> {
    await this.users.revokeSession(staff.sessionId);
    await this.audit.record(staff, { action: 'logout' });
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @UseGuards(StaffAuthGuard)
  @StaffMember()
  @ApiOperation({ summary: 'Set a new password (required after a one-time password); other sessions end' })
  @ApiBody({ schema: openApiSchema(staffChangePasswordRequestSchema, 'input') })
  @ApiNoContentResponse()
  async setPassword(@CurrentStaff() staff: AuthenticatedStaff, @Body() body: unknown): Promise<void> {
    await this.changePassword.execute(staff, parseWith(staffChangePasswordRequestSchema, body));
  }

  @Get('me')
  @ApiBearerAuth()
  @UseGuards(StaffAuthGuard)
  @StaffMember()
  @ApiOperation({
    summary:
      'The signed-in member and their abilities (CASL rules, packed), for the console to hide what a role may not do',
  })
  @ApiOkResponse({ schema: openApiSchema(staffMeResponseSchema) })
  me(@CurrentStaff() staff: AuthenticatedStaff): StaffMeResponse {
    return {
      member: {
        id: staff.staffUserId,
        username: staff.username,
        displayName: staff.displayName,
        roles: staff.roles,
        mustChangePassword: staff.mustChangePassword,
      },
      rules: packedRulesFor(staff.roles),
    };
  }
}
