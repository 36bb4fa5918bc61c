import { z } from 'zod';
import { flightNoSchema, localDateSchema } from './flight.contract.js';
import { salesTrailEventSchema } from './order.contract.js';

/** `GET /api/v1/app-config`: what the client needs to know about this deployment. */
export const appConfigResponseSchema = z.object({
  /**
   * True when the BFF runs against the WeChat simulator: the H5 development build then logs in,
   * pays and confirms transfers through the simulator's dev endpoints (`/api/dev/sim/*`).
   * False: only the real WeChat client can pay; H5 never pretends a payment succeeded.
   */
  simulator: z.boolean(),
  subscribeTemplates: z.object({
    /** 理赔到账提醒: requested right after payment, sent when a claim is approved. */
    claimApproved: z.string(),
  }),
});
export type AppConfigResponse = z.infer<typeof appConfigResponseSchema>;

/** `POST /api/v1/orders/{id}/trail`: sales-trail events after the order exists (payment start/result). */
export const appendSalesTrailRequestSchema = z.object({
  events: z.array(salesTrailEventSchema).min(1).max(50),
});

/** `POST /api/v1/me/subscriptions`: what the user answered to wx.requestSubscribeMessage. */
export const subscriptionReportSchema = z.object({
  templateId: z.string().min(1).max(64),
  result: z.enum(['accept', 'reject', 'ban', 'filter']),
});
export type SubscriptionReport = z.infer<typeof subscriptionReportSchema>;

/** Dev endpoints, present only when the simulator runs: they stand in for the user's phone. */
export const devLoginCodeResponseSchema = z.object({ code: z.string(), openid: z.string() });
/** `POST /api/dev/sim/phone-code`: a getPhoneNumber one-time code for the simulated user's own phone number. */
export const devPhoneCodeResponseSchema = z.object({ code: z.string().min(1) });
export const devPayRequestSchema = z.object({ prepayId: z.string().min(1).max(64) });
export const devConfirmTransferRequestSchema = z.object({ package: z.string().min(1).max(2048) });
export const devSubscribeRequestSchema = z.object({ templateIds: z.array(z.string().min(1)).min(1).max(3) });
/** `POST /api/dev/sim/flights/land-late`: the simulator's flight lands late and its feed pushes the signed event. */
export const devLandLateRequestSchema = z.object({
  flightNo: flightNoSchema,
  flightDate: localDateSchema,
  delayMinutes: z.number().int().min(0).max(2880),
});
export type DevLandLateRequest = z.infer<typeof devLandLateRequestSchema>;

/** `POST /api/dev/sim/clock`: move the weather clock (sold, observed, settled by) to `at`. */
export const devClockRequestSchema = z.object({ at: z.iso.datetime({ offset: true }) });
export const devClockResponseSchema = z.object({ now: z.iso.datetime({ offset: true }), travelled: z.boolean() });
export type DevClockResponse = z.infer<typeof devClockResponseSchema>;

/**
 * `POST /api/dev/sim/weather/hot-days`: the city's reference station reports these daily maxima
 * (default 38.5 °C) through the signed feed; days already due are settled before the answer.
 */
export const devHotDaysRequestSchema = z.object({
  cityCode: z.string().min(1).max(32),
  dates: z.array(localDateSchema).min(1).max(80),
  tmaxCelsius: z.number().min(-60).max(60).default(38.5),
});
export type DevHotDaysRequest = z.input<typeof devHotDaysRequestSchema>;

/** `POST /api/dev/sim/weather/rain`: the spot's station reports rain for the hours starting 09:00… of `date`. */
export const devRainRequestSchema = z.object({
  spotCode: z.string().min(1).max(32),
  date: localDateSchema,
  /** Millimetres for the hours starting 09:00, 10:00, … (at most 24 values from 09:00). */
  hourlyMm: z.array(z.number().min(0).max(200)).min(1).max(15),
});
export type DevRainRequest = z.infer<typeof devRainRequestSchema>;
