import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createStaffUserRequestSchema,
  staffUserActionRequestSchema,
  staffUserListQuerySchema,
  staffUserListResponseSchema,
  staffUserSchema,
  staffUserWithPasswordResponseSchema,
  updateStaffUserRolesRequestSchema,
  type StaffUser,
  type StaffUserListResponse,
  type StaffUserWithPasswordResponse,
} from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from './authenticated-staff.js';
import { CreateStaffUserUseCase } from './create-staff-user.use-case.js';
import { ManageStaffUserUseCase } from './manage-staff-user.use-case.js';
import { StaffAuthGuard } from './staff-auth.guard.js';
import { StaffUserRepository, toStaffUser } from './staff-user.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff accounts (admin): list, create, disable, enable, reset a password, change roles. */
@ApiTags('staff')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/users')
export class StaffUsersController {
  constructor(
    private readonly users: StaffUserRepository,
    private readonly create: CreateStaffUserUseCase,
    private readonly manage: ManageStaffUserUseCase,
  ) {}

  @Get()
  @StaffCan('read', 'StaffUser')
  @ApiOperation({ summary: 'Staff accounts, filtered by name, role or status; a page at a time' })
  @ApiOkResponse({ schema: openApiSchema(staffUserListResponseSchema) })
  async list(@Query() query: unknown): Promise<StaffUserListResponse> {
    const { rows, total } = await this.users.list(parseWith(staffUserListQuerySchema, query));
    return { items: rows.map(toStaffUser), total };
  }

  @Get(':id')
  @StaffCan('read', 'StaffUser')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ schema: openApiSchema(staffUserSchema) })
  async detail(@Param('id') id: string): Promise<StaffUser> {
    const row = UUID.test(id) ? await this.users.findById(id) : undefined;
    if (!row) throw new AppException('STAFF_USER_NOT_FOUND');
    return toStaffUser(row);
  }

  @Post()
  @StaffCan('create', 'StaffUser')
  @ApiOperation({ summary: 'Create a staff member; the answer carries their one-time password, shown once' })
  @ApiBody({ schema: openApiSchema(createStaffUserRequestSchema, 'input') })
  @ApiCreatedResponse({ schema: openApiSchema(staffUserWithPasswordResponseSchema) })
  async createUser(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Body() body: unknown,
  ): Promise<StaffUserWithPasswordResponse> {
    return this.create.execute(staff, parseWith(createStaffUserRequestSchema, body));
  }

  @Put(':id/roles')
  @StaffCan('update', 'StaffUser')
  @ApiOperation({ summary: "Change a member's roles (with a reason)" })
  @ApiBody({ schema: openApiSchema(updateStaffUserRolesRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffUserSchema) })
  async setRoles(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffUser> {
    const { roles, reason } = parseWith(updateStaffUserRolesRequestSchema, body);
    return this.manage.setRoles(staff, id, roles, reason);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @StaffCan('disable', 'StaffUser')
  @ApiOperation({ summary: 'Disable a member (their sessions end at once)' })
  @ApiBody({ schema: openApiSchema(staffUserActionRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffUserSchema) })
  async disable(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffUser> {
    return this.manage.setEnabled(staff, id, false, parseWith(staffUserActionRequestSchema, body).reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @StaffCan('enable', 'StaffUser')
  @ApiOperation({ summary: 'Enable a disabled member again' })
  @ApiBody({ schema: openApiSchema(staffUserActionRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffUserSchema) })
  async enable(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffUser> {
    return this.manage.setEnabled(staff, id, true, parseWith(staffUserActionRequestSchema, body).reason);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @StaffCan('reset_password', 'StaffUser')
  @ApiOperation({ summary: 'A new one-time password (shown once); sessions end, a lock is lifted' })
  @ApiBody({ schema: openApiSchema(staffUserActionRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(staffUserWithPasswordResponseSchema) })
  async resetPassword(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffUserWithPasswordResponse> {
    return this.manage.resetPassword(staff, id, parseWith(staffUserActionRequestSchema, body).reason);
  }
}
