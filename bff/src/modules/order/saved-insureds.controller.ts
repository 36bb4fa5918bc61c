import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  phoneNumberRequestSchema,
  phoneNumberResponseSchema,
  savedInsuredListResponseSchema,
  type PhoneNumberResponse,
  type SavedInsuredListResponse,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { PhoneNumberClient } from '../../integrations/wechat/phone-number.client.js';
import { WechatApiError } from '../../integrations/wechat/wechat-api.error.js';
import { SavedInsureds } from './saved-insureds.repository.js';

/** 我的 → 常用被保险人 (listed masked, deleted for good), and the phone number from getPhoneNumber. */
@ApiTags('me')
@ApiBearerAuth()
@UseGuards(CustomerAuthGuard)
@Controller('v1/me')
export class SavedInsuredsController {
  constructor(
    private readonly saved: SavedInsureds,
    private readonly phoneNumbers: PhoneNumberClient,
  ) {}

  @Get('insureds')
  @ApiOperation({ summary: 'My saved insured persons (常用被保险人), masked' })
  @ApiOkResponse({ schema: openApiSchema(savedInsuredListResponseSchema) })
  async list(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<SavedInsuredListResponse> {
    return { items: await this.saved.list(customer.customerId) };
  }

  @Delete('insureds/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a saved insured person: the stored personal data is removed' })
  async remove(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('id') id: string): Promise<void> {
    await this.saved.delete(customer.customerId, id);
  }

  @Post('phone-number')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the getPhoneNumber one-time code for the phone number (fills the insured form)' })
  @ApiBody({ schema: openApiSchema(phoneNumberRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(phoneNumberResponseSchema) })
  async phoneNumber(@Body() body: unknown): Promise<PhoneNumberResponse> {
    const parsed = phoneNumberRequestSchema.safeParse(body);
    if (!parsed.success) throw new AppException('PHONE_CODE_INVALID');
    try {
      const phone = await this.phoneNumbers.resolve(parsed.data.code);
      // Mainland numbers fill the form; a foreign number is handed back as WeChat gave it.
      return { phoneNumber: phone.countryCode === '86' ? phone.purePhoneNumber : phone.phoneNumber };
    } catch (error) {
      if (error instanceof WechatApiError && error.retryClass !== 'retry_same')
        throw new AppException('PHONE_CODE_INVALID');
      throw error;
    }
  }
}
