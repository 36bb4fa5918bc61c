/** Programmatic API of the WeChat + WeChat Pay simulator (tests, `npm start` with SIM=1). */
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator.js';
export { DEV_SIMULATOR_KEYS, type SimulatorKeys } from './sim-keys.js';
export type { SigningMode } from './crypto/wechatpay-signer.js';
export {
  SIM_ENDPOINTS,
  NOTIFICATION_FAULTS,
  type EndpointFault,
  type NotificationFault,
  type SimEndpoint,
  FaultSwitches,
} from './state/fault-switches.js';
export { Ledger, type LedgerEntry, type LedgerKind } from './state/ledger.js';
export { NOTIFICATION_RETRY_SCHEDULE_SECONDS } from './notifications/retry-schedule.js';
export type { MerchantDevConfig } from './dev/merchant-dev-config.js';
export {
  DEFAULT_WEATHER_SEED,
  WeatherProvider,
  type DailyMaxEvent,
  type HourlyPrecipEvent,
  type PushDayResult,
  type SetReadingResult,
  type WeatherReadingEvent,
  type WeatherStationSummary,
} from './weather/weather-provider.js';
export { DEV_WEATHER_FEED_SECRET, type WeatherFeedDelivery } from './weather/weather-feed-pusher.js';
