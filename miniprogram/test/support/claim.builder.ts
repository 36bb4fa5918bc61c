import type {
  ClaimDetail,
  ClaimSummary,
  CollectClaimResponse,
  FlightClaimEvidence,
  HeatClaimEvidence,
  RainClaimEvidence,
} from '@xiaoan/shared';

/** Claims shaped like the BFF's answers: MU5101 landed 146 minutes late on an FD120 policy. */
export const CLAIM_ID = '00000000-0000-4000-8000-0000000000d1';

export const aClaim = (overrides: Partial<ClaimSummary> = {}): ClaimSummary => {
  const claim = {
    id: CLAIM_ID,
    claimNo: 'CL202612010001',
    status: 'approved' as const,
    policyNo: 'XAFD120202612010001',
    productName: '航班延误险',
    amountFen: 20_000,
    paidFen: 0,
    headline: 'MU5101 晚到 146 分钟',
    createdAt: '2026-12-01T16:32:05+08:00',
    paidAt: null,
    collectable: true,
    ...overrides,
  };
  // As the BFF computes it: what is earned and neither paid nor on its way.
  const collectableFen = overrides.collectableFen ?? (claim.collectable ? claim.amountFen - claim.paidFen : 0);
  return { ...claim, collectableFen };
};

export const aFlightEvidence = (overrides: Partial<FlightClaimEvidence> = {}): FlightClaimEvidence => ({
  kind: 'flight',
  flightNo: 'MU5101',
  flightDate: '2026-12-01',
  outcome: 'arrived',
  scheduledArrival: '2026-12-01T14:05:00+08:00',
  actualArrival: '2026-12-01T16:31:00+08:00',
  delayMinutes: 146,
  thresholdMinutes: 120,
  rule: 'FD120 v1',
  providerEventIds: ['evt-mu5101-0003', 'evt-mu5101-0007'],
  ...overrides,
});

export const aClaimDetail = (overrides: Partial<ClaimDetail> = {}): ClaimDetail => ({
  ...aClaim(overrides),
  evidence: aFlightEvidence(),
  timeline: [
    { at: '2026-12-01T16:31:40+08:00', title: '收到航班到达数据', detail: '实际到达 16:31' },
    {
      at: '2026-12-01T16:32:05+08:00',
      title: '自动理赔通过',
      detail: '计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120',
    },
    { at: '2026-12-01T16:32:06+08:00', title: '已发送理赔通知' },
  ],
  rejectedReason: null,
  ...overrides,
});

export const aTransferBill = (overrides: Partial<CollectClaimResponse> = {}): CollectClaimResponse => ({
  mchId: '1900000109',
  appId: 'wxapp0001',
  package: 'ABBQO+oYAAABAAAAAAC2Z2x6xv4AAAAO',
  openId: 'oDev0001',
  ...overrides,
});

/**
 * Wuhan's 2027 season so far (2 units, deductible 6): eight hot days counted from 07-01, so the
 * 7th and 8th paid ¥10 each; a 38 °C day on 06-22 fell in the waiting period (not counted).
 */
export const aHeatEvidence = (overrides: Partial<HeatClaimEvidence> = {}): HeatClaimEvidence => {
  const hot = [
    '2027-07-01',
    '2027-07-02',
    '2027-07-03',
    '2027-07-05',
    '2027-07-06',
    '2027-07-08',
    '2027-07-09',
    '2027-07-10',
  ];
  const temps = [37.2, 38.1, 37.0, 39.4, 37.6, 38.0, 40.1, 37.3];
  const days = Array.from({ length: 20 }, (_, index) => `2027-06-${String(21 + index).padStart(2, '0')}`)
    .filter((date) => date <= '2027-06-30')
    .concat(Array.from({ length: 10 }, (_, index) => `2027-07-${String(index + 1).padStart(2, '0')}`));
  return {
    kind: 'heat',
    cityCode: 'wuhan',
    cityName: '武汉',
    stationId: '57494',
    seasonYear: 2027,
    coverStartDate: '2027-06-24',
    coverEndDate: '2027-08-31',
    units: 2,
    thresholdCelsius: 37,
    deductibleDays: 6,
    tickPerUnitFen: 500,
    capPerUnitFen: 10_000,
    hotDays: hot.map((date, index) => ({
      date,
      tmaxCelsius: temps[index]!,
      hotDayNo: index + 1,
      amountFen: index + 1 > 6 ? 1_000 : 0,
    })),
    dailyMaxima: days.map((date) => {
      const index = hot.indexOf(date);
      return {
        date,
        tmaxCelsius: index >= 0 ? temps[index]! : date === '2027-06-22' ? 38.0 : 33.5,
        covered: date >= '2027-06-24',
      };
    }),
    flaggedDates: [],
    rule: 'HEAT37 v1',
    ...overrides,
  };
};

export const aHeatClaimDetail = (overrides: Partial<ClaimDetail> = {}): ClaimDetail =>
  aClaimDetail({
    claimNo: 'CL202707020001',
    policyNo: 'XAHEAT37202706200001',
    productName: '37°C高温险',
    amountFen: 2_000,
    headline: '武汉 已计 8 个高温日',
    createdAt: '2027-07-02T08:00:00+08:00',
    evidence: aHeatEvidence(),
    timeline: [{ at: '2027-07-09T08:00:00+08:00', title: '第7个高温日，补贴 ¥10.00' }],
    ...overrides,
  });

/** 西湖 on 2026-12-05: 2.4 mm fell between 09:00 and 17:00 (threshold 2.0). */
export const aRainEvidence = (overrides: Partial<RainClaimEvidence> = {}): RainClaimEvidence => {
  const mm = [0, 0.2, 0.7, 0.6, 0.7, 0.2, 0, 0];
  return {
    kind: 'rain',
    spotCode: 'xihu',
    spotName: '西湖',
    stationId: 'A58457',
    visitDate: '2026-12-05',
    persons: 3,
    thresholdMm: 2,
    windowStart: '09:00',
    windowEnd: '17:00',
    windowTotalMm: 2.4,
    hours: mm.map((precipitationMm, index) => ({
      hourStart: `2026-12-05T${String(9 + index).padStart(2, '0')}:00:00+08:00`,
      precipitationMm,
    })),
    rule: 'RAIN v1',
    providerEventIds: ['wx-1', 'wx-2'],
    ...overrides,
  };
};

export const aRainClaimDetail = (overrides: Partial<ClaimDetail> = {}): ClaimDetail =>
  aClaimDetail({
    claimNo: 'CL202612050001',
    policyNo: 'XARAIN202612040001',
    productName: '景区下雨险',
    amountFen: 3_000,
    headline: '西湖 降雨 2.4 毫米',
    evidence: aRainEvidence(),
    ...overrides,
  });
