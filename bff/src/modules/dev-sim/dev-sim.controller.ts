import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  devConfirmTransferRequestSchema,
  devLandLateRequestSchema,
  devLoginCodeResponseSchema,
  devPayRequestSchema,
  devSubscribeRequestSchema,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';

/**
 * Development only (registered when the WeChat simulator stands in for WeChat): the H5 build's
 * stand-ins for the phone — wx.login, paying in wx.requestPayment, confirming a transfer, accepting
 * a subscription — forwarded to the simulator's dev endpoints over HTTP. The simulator then does
 * what WeChat does (e.g. sends the real signed payment notification); nothing here pretends.
 */
@ApiExcludeController()
@Controller('dev/sim')
export class DevSimController {
  private readonly simOrigin: string;

  constructor(@Inject(INTEGRATIONS_CONFIG) integrations: IntegrationsConfig) {
    this.simOrigin = integrations.wechatPay.origin;
  }

  @Post('login-code')
  @HttpCode(200)
  async loginCode(@Body() body: { openid?: unknown } | undefined): Promise<{ code: string; openid: string }> {
    const openid = typeof body?.openid === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(body.openid) ? body.openid : undefined;
    return devLoginCodeResponseSchema.parse(await this.call('/__sim/login', openid ? { openid } : {}));
  }

  @Post('pay')
  @HttpCode(204)
  @UseGuards(CustomerAuthGuard)
  async pay(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { prepayId } = parseWith(devPayRequestSchema, body);
    await this.call('/__sim/pay', { prepayId, openid: customer.openid });
  }

  @Post('confirm-transfer')
  @HttpCode(204)
  @UseGuards(CustomerAuthGuard)
  async confirmTransfer(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { package: packageInfo } = parseWith(devConfirmTransferRequestSchema, body);
    await this.call('/__sim/transfers/confirm', { package: packageInfo, openid: customer.openid });
  }

  @Post('subscribe')
  @HttpCode(204)
  @UseGuards(CustomerAuthGuard)
  async subscribe(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { templateIds } = parseWith(devSubscribeRequestSchema, body);
    await this.call('/__sim/subscriptions', { openid: customer.openid, templateIds });
  }

  /** "Make the flight land late": the simulated provider pushes the signed arrival to our feed webhook. */
  @Post('flights/land-late')
  @HttpCode(204)
  async landLate(@Body() body: unknown): Promise<void> {
    const { flightNo, flightDate, delayMinutes } = parseWith(devLandLateRequestSchema, body);
    await this.call(`/__sim/flights/${encodeURIComponent(flightNo)}/${flightDate}/land-late`, { delayMinutes });
  }

  private async call(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.simOrigin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
    if (!response) throw new AppException('SERVICE_UNAVAILABLE');
    const text = await response.text();
    if (!response.ok) throw new AppException('VALIDATION_FAILED', { simulator: text.slice(0, 500) });
    return text ? JSON.parse(text) : undefined;
  }
}
