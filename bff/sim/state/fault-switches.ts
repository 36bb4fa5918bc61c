/**
 * Switchable faults, per endpoint, so every error path of the adapters can be driven
 * on purpose. A fault fires `times` times (default: until cleared).
 */
export const SIM_ENDPOINTS = [
  'pay.jsapi',
  'pay.query',
  'pay.close',
  'refund.create',
  'refund.query',
  'transfer.create',
  'transfer.query',
  'transfer.cancel',
  'certificates',
  'wx.jscode2session',
  'wx.token',
  'wx.subscribe_send',
  'wx.custom_send',
  'wx.risk_rank',
  'wx.phone_number',
  'wx.wxacode_unlimit',
] as const;
export type SimEndpoint = (typeof SIM_ENDPOINTS)[number];

export type EndpointFault =
  /** 429 FREQUENCY_LIMITED (WeChat Pay) / errcode 45009 (mini-program API). */
  | { kind: 'rate_limited' }
  /** 500 SYSTEM_ERROR / errcode -1 "system busy". */
  | { kind: 'system_error' }
  /** 500 BANK_ERROR (WeChat Pay only). */
  | { kind: 'bank_error' }
  /** 403 NOT_ENOUGH: the operating account cannot cover the payout. */
  | { kind: 'not_enough' }
  /** Answer normally, but only after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
  /** Answer normally, with a response signature that does not verify. */
  | { kind: 'bad_response_signature' }
  /** 400 PARAM_ERROR: WeChat refuses the request as malformed (retrying it unchanged cannot help). */
  | { kind: 'param_error' }
  /**
   * The request takes effect (e.g. the transfer bill is created) but the merchant receives an error
   * instead of the answer: SYSTEM_ERROR by default, or the code given.
   */
  | { kind: 'answer_lost'; code?: 'SYSTEM_ERROR' | 'PARAM_ERROR' };

export const NOTIFICATION_FAULTS = ['drop', 'duplicate', 'reorder', 'bad_signature'] as const;
export type NotificationFault = (typeof NOTIFICATION_FAULTS)[number];

interface Armed<T> {
  fault: T;
  remaining: number;
}

export class FaultSwitches {
  private readonly endpoints = new Map<SimEndpoint, Armed<EndpointFault>>();
  private notification: Armed<NotificationFault> | undefined;

  set(endpoint: SimEndpoint, fault: EndpointFault, options: { times?: number } = {}): void {
    if (!SIM_ENDPOINTS.includes(endpoint)) throw new Error(`unknown simulator endpoint ${endpoint}`);
    this.endpoints.set(endpoint, { fault, remaining: options.times ?? Infinity });
  }

  setNotificationFault(fault: NotificationFault, options: { times?: number } = {}): void {
    if (!NOTIFICATION_FAULTS.includes(fault)) throw new Error(`unknown notification fault ${fault}`);
    this.notification = { fault, remaining: options.times ?? Infinity };
  }

  clear(): void {
    this.endpoints.clear();
    this.notification = undefined;
  }

  /** Consumes one firing of the endpoint's fault, if any is armed. */
  take(endpoint: SimEndpoint): EndpointFault | undefined {
    return consume(this.endpoints.get(endpoint), () => this.endpoints.delete(endpoint));
  }

  takeNotificationFault(): NotificationFault | undefined {
    return consume(this.notification, () => (this.notification = undefined));
  }

  describe(): { endpoints: Record<string, EndpointFault & { remaining: number | null }>; notification?: unknown } {
    const endpoints: Record<string, EndpointFault & { remaining: number | null }> = {};
    for (const [name, armed] of this.endpoints) {
      endpoints[name] = { ...armed.fault, remaining: Number.isFinite(armed.remaining) ? armed.remaining : null };
    }
    return { endpoints, notification: this.notification?.fault };
  }
}

function consume<T>(armed: Armed<T> | undefined, disarm: () => void): T | undefined {
  if (!armed) return undefined;
  armed.remaining -= 1;
  if (armed.remaining <= 0) disarm();
  return armed.fault;
}
