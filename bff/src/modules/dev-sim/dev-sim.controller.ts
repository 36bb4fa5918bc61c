import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  beijingInstant,
  devClockRequestSchema,
  devConfirmTransferRequestSchema,
  devHotDaysRequestSchema,
  devRainRequestSchema,
  type DevClockResponse,
  devLandLateRequestSchema,
  devLoginCodeResponseSchema,
  devPayRequestSchema,
  devPhoneCodeResponseSchema,
  devSubscribeRequestSchema,
  customerMessageRequestSchema,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { Clock } from '../../core/clock/clock.js';
import { FindStoredFlightUseCase } from '../flight/find-stored-flight.use-case.js';
import { SettleHeatDayUseCase } from '../weather/settle-heat-day.use-case.js';
import { SweepWeatherUseCase } from '../weather/sweep-weather.use-case.js';
import { heatSettleAt } from '../weather/weather.queues.js';
import { WeatherPlaces } from '../weather/weather-places.js';

/** The simulated user's bound phone number: 139 and eight digits from its openid (stable, not real). */
export const simulatedPhoneOf = (openid: string): string =>
  `139${String(createHash('sha256').update(openid).digest().readUInt32BE(0) % 100_000_000).padStart(8, '0')}`;

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

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
    private readonly places: WeatherPlaces,
    private readonly heat: SettleHeatDayUseCase,
    private readonly sweep: SweepWeatherUseCase,
    private readonly storedFlights: FindStoredFlightUseCase,
  ) {
    // The simulator this BFF started with, never the configured pay host: with SIM on, the
    // environment may still point WECHATPAY_ORIGIN elsewhere, and these routes are unauthenticated.
    this.simOrigin = config.simulator.origin;
  }

  @Post('login-code')
  @HttpCode(200)
  async loginCode(@Body() body: { openid?: unknown } | undefined): Promise<{ code: string; openid: string }> {
    const openid =
      typeof body?.openid === 'string' && /^[A-Za-z0-9_-]{6,64}$/.test(body.openid) ? body.openid : undefined;
    return devLoginCodeResponseSchema.parse(await this.call('/__sim/login', openid ? { openid } : {}));
  }

  /**
   * Stands in for <Button open-type="getPhoneNumber">: the simulator mints the one-time code for
   * the phone number this simulated WeChat user has bound, which the app then exchanges through
   * `POST /api/v1/me/phone-number` exactly as in the weapp. The number is derived from the openid,
   * so one simulated user always has the same one.
   */
  @Post('phone-code')
  @HttpCode(200)
  @UseGuards(CustomerAuthGuard)
  async phoneCode(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<{ code: string }> {
    return devPhoneCodeResponseSchema.parse(
      await this.call('/__sim/phone-codes', { phoneNumber: simulatedPhoneOf(customer.openid) }),
    );
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

  /** The user writes to customer service (in WeChat's chat; the H5 chat page stands in for it): the simulator pushes it to our 消息推送 URL. */
  @Post('cs-messages')
  @HttpCode(204)
  @UseGuards(CustomerAuthGuard)
  async csMessage(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown): Promise<void> {
    const { text, sessionFrom } = parseWith(customerMessageRequestSchema, body);
    if (sessionFrom) await this.call('/__sim/cs-sessions', { openid: customer.openid, sessionFrom });
    await this.call('/__sim/cs-messages', { openid: customer.openid, content: text });
  }

  /**
   * "Make the flight land late": the simulated provider pushes the signed arrival to our feed
   * webhook. A flight cannot land in the future (the feed holds such an arrival for review), so the
   * business clock first lives until just after the landing, as it would in the real world.
   */
  @Post('flights/land-late')
  @HttpCode(204)
  async landLate(@Body() body: unknown): Promise<void> {
    const { flightNo, flightDate, delayMinutes } = parseWith(devLandLateRequestSchema, body);
    const flight = await this.storedFlights.byNumber(flightNo, flightDate);
    if (flight) {
      const landing = flight.scheduled_arrival.getTime() + delayMinutes * 60_000;
      if (landing >= this.clock.now().getTime()) this.clock.travelTo(new Date(landing + 60_000));
    }
    await this.call(`/__sim/flights/${encodeURIComponent(flightNo)}/${flightDate}/land-late`, { delayMinutes });
  }

  /** The weather clock: HEAT37 sells for next summer in November; this lets a developer live through it. */
  @Get('clock')
  clockNow(): DevClockResponse {
    return { now: this.clock.now().toISOString(), travelled: this.clock.travelled };
  }

  @Post('clock')
  @HttpCode(200)
  async travel(@Body() body: unknown): Promise<DevClockResponse> {
    const { at } = parseWith(devClockRequestSchema, body);
    this.clock.travelTo(new Date(at));
    // Whatever became due at the new time is settled by the sweep's jobs.
    await this.sweep.execute();
    return this.clockNow();
  }

  /**
   * "These days were hot in this city": the simulated station reports the maxima through the signed
   * feed (as the provider would), and every day already due is settled before answering.
   */
  @Post('weather/hot-days')
  @HttpCode(200)
  async hotDays(@Body() body: unknown): Promise<{ settled: string[]; pending: string[] }> {
    const request = parseWith(devHotDaysRequestSchema, body);
    const place = await this.places.byCode(request.cityCode);
    if (!place || place.kind !== 'city') throw new AppException('PLACE_NOT_FOUND');
    const settled: string[] = [];
    const pending: string[] = [];
    for (const date of [...request.dates].sort()) {
      await this.push('/__sim/weather/daily-max', {
        stationId: place.stationId,
        date,
        tmaxCelsius: request.tmaxCelsius,
      });
      if (heatSettleAt(date).getTime() > this.clock.now().getTime()) {
        pending.push(date);
        continue;
      }
      await this.heat.settle(place.code, date);
      settled.push(date);
    }
    return { settled, pending };
  }

  /** "It rained at this spot": hourly readings from 09:00 on `date`, pushed through the signed feed. */
  @Post('weather/rain')
  @HttpCode(204)
  async rain(@Body() body: unknown): Promise<void> {
    const request = parseWith(devRainRequestSchema, body);
    const place = await this.places.byCode(request.spotCode);
    if (!place || place.kind !== 'spot') throw new AppException('PLACE_NOT_FOUND');
    for (const [index, precipitationMm] of request.hourlyMm.entries()) {
      const hourStart = beijingInstant(request.date, `${String(9 + index).padStart(2, '0')}:00`);
      await this.push('/__sim/weather/hourly-precip', {
        stationId: place.stationId,
        hourStart: hourStart.toISOString(),
        precipitationMm,
      });
    }
  }

  /** Ask the simulated station to report a reading; the BFF's own feed must have taken it. */
  private async push(path: string, body: object): Promise<void> {
    const answer = (await this.call(path, body)) as { pushStatus: number | null } | undefined;
    if (answer?.pushStatus !== 200) {
      throw new AppException('VALIDATION_FAILED', {
        simulator: `the weather feed answered ${answer?.pushStatus ?? 'nothing'}: a reading cannot be reported before its hour or day has ended (move the clock: POST /api/dev/sim/clock)`,
      });
    }
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
