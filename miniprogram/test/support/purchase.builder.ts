import type {
  Flight,
  FlightSubject,
  HeatSubject,
  Order,
  PolicyDetail,
  PolicySummary,
  Quote,
  RainSubject,
  WeatherPlace,
} from '@xiaoan/shared';

/** Flights, quotes, orders and policies shaped like the BFF's answers. Builders, not fixtures. */
export const aFlight = (overrides: Partial<Flight> = {}): Flight => ({
  flightNo: 'MU5101',
  flightDate: '2026-12-01',
  carrierCode: 'MU',
  carrierName: '中国东方航空',
  origin: { code: 'SHA', name: '上海虹桥国际机场', city: '上海' },
  destination: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
  scheduledDeparture: '2026-12-01T08:00:00+08:00',
  scheduledArrival: '2026-12-01T10:20:00+08:00',
  status: 'scheduled',
  estimatedDeparture: null,
  actualDeparture: null,
  actualArrival: null,
  ...overrides,
});

/** Flight delay on MU5101, paying from a 120-minute arrival delay (FD120). */
export const aFlightSubject = (overrides: Partial<FlightSubject> = {}): FlightSubject => ({
  kind: 'flight',
  flight: aFlight(),
  delayThresholdMinutes: 120,
  ...overrides,
});

export const VERSION_ID = '00000000-0000-4000-8000-0000000000a1';

export const aQuote = (overrides: Partial<Quote> = {}): Quote => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  productCode: 'FD120',
  productName: '航班延误险',
  productVersionId: VERSION_ID,
  productVersion: 1,
  subject: aFlightSubject(),
  premiumFen: 2_500,
  payoutFen: 20_000,
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  ...overrides,
});

export const anOrder = (overrides: Partial<Order> = {}): Order => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  orderNo: 'XA202612010001',
  status: 'pending_payment',
  amountFen: 2_500,
  productCode: 'FD120',
  productName: '航班延误险',
  insuredNameMasked: '张*丰',
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  policyNo: null,
  refundReason: null,
  payment: {
    appId: 'wxapp0001',
    timeStamp: '1764500000',
    nonceStr: 'nonce-1',
    package: 'prepay_id=wx201410272009395522657a690389285100',
    signType: 'RSA',
    paySign: 'c2lnbmF0dXJl',
  },
  ...overrides,
});

export const aPolicy = (overrides: Partial<PolicySummary> = {}): PolicySummary => ({
  policyNo: 'XAFD120202612010001',
  status: 'active',
  productCode: 'FD120',
  productName: '航班延误险',
  insuredNameMasked: '张*丰',
  premiumFen: 2_500,
  payoutFen: 20_000,
  coverStart: '2026-12-01T08:00:00+08:00',
  coverEnd: '2026-12-02T08:00:00+08:00',
  issuedAt: '2026-11-27T10:00:00+08:00',
  subject: aFlightSubject(),
  ...overrides,
});

export const aPolicyDetail = (overrides: Partial<PolicyDetail> = {}): PolicyDetail => ({
  ...aPolicy(),
  insuredIdMasked: '1101**********4578',
  insuredPhoneMasked: '138****5678',
  insurerName: '众安在线财产保险股份有限公司',
  filingNo: 'C00017932312021120823083',
  productVersion: 1,
  orderNo: 'XA202612010001',
  cancellation: { available: true, deadline: '2026-12-01T00:00:00.000Z', refundFen: 2_500, unavailableReason: null },
  cancelledAt: null,
  refund: null,
  ...overrides,
});

/** HEAT37 in Wuhan for the 2027 season, 2 units (deductible 6 days: from the 7th hot day ¥10 a day). */
export const aHeatSubject = (overrides: Partial<HeatSubject> = {}): HeatSubject => ({
  kind: 'heat',
  cityCode: 'wuhan',
  cityName: '武汉',
  seasonYear: 2027,
  units: 2,
  coverStartDate: '2027-06-21',
  coverEndDate: '2027-08-31',
  deductibleDays: 6,
  thresholdCelsius: 37,
  tickPerUnitFen: 500,
  capPerUnitFen: 10_000,
  ...overrides,
});

/** RAIN at 西湖 on 2026-12-05 for 3 persons. */
export const aRainSubject = (overrides: Partial<RainSubject> = {}): RainSubject => ({
  kind: 'rain',
  spotCode: 'xihu',
  spotName: '西湖',
  cityName: '杭州',
  visitDate: '2026-12-05',
  persons: 3,
  thresholdMm: 2,
  windowStart: '09:00',
  windowEnd: '17:00',
  payoutPerPersonFen: 1_000,
  saleClosesAt: '2026-12-04T20:00:00+08:00',
  ...overrides,
});

export const aHeatQuote = (overrides: Partial<Quote> = {}): Quote =>
  aQuote({
    id: '00000000-0000-4000-8000-0000000000b2',
    productCode: 'HEAT37',
    productName: '37°C高温险',
    subject: aHeatSubject(),
    premiumFen: 3_600,
    payoutFen: 20_000,
    ...overrides,
  });

export const aRainQuote = (overrides: Partial<Quote> = {}): Quote =>
  aQuote({
    id: '00000000-0000-4000-8000-0000000000b3',
    productCode: 'RAIN',
    productName: '景区下雨险',
    subject: aRainSubject(),
    premiumFen: 600,
    payoutFen: 3_000,
    ...overrides,
  });

/** The cities and spots `GET /api/v1/weather/places` lists. */
export const aCity = (overrides: Partial<WeatherPlace> = {}): WeatherPlace => ({
  code: 'wuhan',
  kind: 'city',
  name: '武汉',
  cityName: '武汉',
  stationId: '57494',
  deductibleDays: 6,
  averageHotDays: 21.4,
  ...overrides,
});

export const theCities = (): WeatherPlace[] => [
  aCity({
    code: 'chongqing',
    name: '重庆',
    cityName: '重庆',
    stationId: '57516',
    deductibleDays: 10,
    averageHotDays: 27.8,
  }),
  aCity(),
  aCity({
    code: 'shanghai',
    name: '上海',
    cityName: '上海',
    stationId: '58367',
    deductibleDays: 3,
    averageHotDays: null,
  }),
];

export const theSpots = (): WeatherPlace[] => [
  aCity({
    code: 'xihu',
    kind: 'spot',
    name: '西湖',
    cityName: '杭州',
    stationId: 'A58457',
    deductibleDays: null,
    averageHotDays: null,
  }),
  aCity({
    code: 'huangshan',
    kind: 'spot',
    name: '黄山风景区',
    cityName: '黄山',
    stationId: 'A58437',
    deductibleDays: null,
    averageHotDays: null,
  }),
];
