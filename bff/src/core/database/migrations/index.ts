import { Catalog1764230400000 } from './1764230400000-catalog.js';
import { WechatAccessToken1764300000000 } from '../../../integrations/wechat/migrations/1764300000000-wechat-access-token.js';
import { FlightStatistics1764400000000 } from './1764400000000-flight-statistics.js';
import { Identity1764500000000 } from './1764500000000-identity.js';
import { FlightSales1764500100000 } from './1764500100000-flight-sales.js';
import { RateLimits1764500200000 } from './1764500200000-rate-limits.js';
import { FlightClaims1764500300000 } from './1764500300000-flight-claims.js';
import { Weather1764600000000 } from './1764600000000-weather.js';
import { PaymentSafety1764700000000 } from './1764700000000-payment-safety.js';
import { StaffConsole1764720000000 } from './1764720000000-staff-console.js';
import { SupportDesk1764730000000 } from './1764730000000-support-desk.js';
import { PricingGuardRails1764740000000 } from './1764740000000-pricing-guard-rails.js';
import { PolicyCancellation1764750000000 } from './1764750000000-policy-cancellation.js';
import { FlightEventReview1764750100000 } from './1764750100000-flight-event-review.js';
import { CustomerConsents1764750200000 } from './1764750200000-customer-consents.js';
import { Support1764760000000 } from './1764760000000-support.js';
import { Campaigns1764770000000 } from './1764770000000-campaigns.js';
import { CampaignRewardBills1764770100000 } from './1764770100000-campaign-reward-bills.js';
import { SupportChannels1764781000000 } from './1764781000000-support-channels.js';
import { CampaignEngine1764782000000 } from './1764782000000-campaign-engine.js';
import { InsuredPersons1764784000000 } from './1764784000000-insured-persons.js';
import { InsurerHotline1764784100000 } from './1764784100000-insurer-hotline.js';
import { FlightOutcomeDailyCounts1764785000000 } from './1764785000000-flight-outcome-daily-counts.js';
import { StatusTransitionGuards1764786000000 } from './1764786000000-status-transition-guards.js';
import { CampaignAttribution1764786500000 } from './1764786500000-campaign-attribution.js';
import { PolicyProduct1764787000000 } from './1764787000000-policy-product.js';

/**
 * Every migration, in order. Listed explicitly rather than globbed so that the compiled ESM
 * build, the test runner and the CLI all run exactly the same history.
 */
export const MIGRATIONS = [
  Catalog1764230400000,
  WechatAccessToken1764300000000,
  FlightStatistics1764400000000,
  Identity1764500000000,
  FlightSales1764500100000,
  RateLimits1764500200000,
  FlightClaims1764500300000,
  Weather1764600000000,
  PaymentSafety1764700000000,
  StaffConsole1764720000000,
  SupportDesk1764730000000,
  PricingGuardRails1764740000000,
  PolicyCancellation1764750000000,
  FlightEventReview1764750100000,
  CustomerConsents1764750200000,
  Support1764760000000,
  Campaigns1764770000000,
  CampaignRewardBills1764770100000,
  SupportChannels1764781000000,
  CampaignEngine1764782000000,
  InsuredPersons1764784000000,
  InsurerHotline1764784100000,
  FlightOutcomeDailyCounts1764785000000,
  StatusTransitionGuards1764786000000,
  CampaignAttribution1764786500000,
  PolicyProduct1764787000000,
];
