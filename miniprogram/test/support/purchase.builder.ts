import type { Flight, Order, PolicyDetail, PolicySummary, Quote } from '@xiaoan/shared';

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

export const VERSION_ID = '00000000-0000-4000-8000-0000000000a1';

export const aQuote = (overrides: Partial<Quote> = {}): Quote => ({
  id: '00000000-0000-4000-8000-0000000000b1',
  productCode: 'FD120',
  productName: '航班延误险',
  productVersionId: VERSION_ID,
  productVersion: 1,
  flight: aFlight(),
  premiumFen: 2_500,
  payoutFen: 20_000,
  delayThresholdMinutes: 120,
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
  flight: aFlight(),
  ...overrides,
});

export const aPolicyDetail = (overrides: Partial<PolicyDetail> = {}): PolicyDetail => ({
  ...aPolicy(),
  insuredIdMasked: '1101**********4578',
  insuredPhoneMasked: '138****5678',
  insurerName: '众安在线财产保险股份有限公司',
  filingNo: 'C00017932312021120823083',
  productVersion: 1,
  delayThresholdMinutes: 120,
  orderNo: 'XA202612010001',
  ...overrides,
});
