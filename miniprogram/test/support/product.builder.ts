import type { Product, ProductTerms, ProductVersion } from '@xiaoan/shared';

/**
 * Products shaped like the BFF's catalogue (see shared/design/products.md). Builders, not
 * fixtures: each test says only what matters to it.
 */
let sequence = 0;
const uuid = (): string => {
  sequence += 1;
  return `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`;
};

const flightDelayTerms = (delayThresholdMinutes: number): ProductTerms => ({
  kind: 'flight_delay',
  delayThresholdMinutes,
  payoutTiersFen: [10_000, 20_000, 30_000],
  paysOnCancellation: true,
  paysOnDiversion: true,
  saleOpensDaysBefore: 30,
  saleClosesMinutesBefore: 120,
  capacityPerFlightFen: 6_000_000,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
  credibilityK: 50,
  manualReviewAfterMinutes: 360,
});

const heatTerms: ProductTerms = {
  kind: 'heat',
  thresholdCelsius: 37,
  seasonStart: '06-21',
  seasonEnd: '08-31',
  tickPerUnitFen: 500,
  capPerUnitFen: 10_000,
  minUnits: 1,
  maxUnits: 10,
  waitingPeriodDays: 3,
  defaultDeductibleDays: 3,
  deductibleDaysByCity: { wuhan: 6, chongqing: 10, shanghai: 3 },
  uncertaintyLoading: 0.15,
  targetLossRatio: 0.65,
  minHistorySeasons: 10,
};

const rainTerms: ProductTerms = {
  kind: 'rain',
  thresholdMm: 2,
  windowStart: '09:00',
  windowEnd: '17:00',
  payoutPerPersonFen: 1_000,
  maxPersons: 10,
  saleClosesAtLocalTimeDayBefore: '20:00',
  targetLossRatio: 0.65,
  minPremiumFen: 100,
};

export const HEAT_TERMS = heatTerms;
export const RAIN_TERMS = rainTerms;

export const aVersion = (overrides: Partial<ProductVersion> = {}): ProductVersion => ({
  id: uuid(),
  version: 1,
  insurerName: '众安在线财产保险股份有限公司',
  filingNo: 'C00017932312021120823083',
  clauses: [
    { title: '第一条 保险责任', body: '被保险人所乘航班到达延误达到约定时长的，保险人按约定金额给付。' },
    { title: '第二条 保险期间', body: '自计划起飞时间起至实际到达时间止。' },
  ],
  exclusions: ['投保时航班已经延误、取消或起飞的', '被保险人未实际乘坐该航班的'],
  terms: flightDelayTerms(120),
  effectiveFrom: '2025-01-01T00:00:00+08:00',
  effectiveTo: null,
  ...overrides,
});

export const aProduct = (overrides: Partial<Product> = {}): Product => ({
  code: 'FD120',
  name: '航班延误险',
  category: 'flight_delay',
  tagline: '延误2小时即赔，赔款自动到微信',
  fromPremiumFen: 2_500,
  currentVersion: aVersion(),
  ...overrides,
});

/** The four products the BFF sells at launch. */
export const theCatalogue = (): Product[] => [
  aProduct(),
  aProduct({
    code: 'FD60',
    name: '航班延误险（1小时版）',
    tagline: '延误1小时就赔，赶路不再焦虑',
    fromPremiumFen: 3_500,
    currentVersion: aVersion({ filingNo: 'C00017932312021120823084', terms: flightDelayTerms(60) }),
  }),
  aProduct({
    code: 'HEAT37',
    name: '37°C高温险',
    category: 'heat',
    tagline: '热一天，赔一天',
    fromPremiumFen: 990,
    currentVersion: aVersion({
      filingNo: 'C00017932322021060100077',
      terms: heatTerms,
      clauses: [{ title: '第一条 保险责任', body: '保险期间内所在城市日最高气温达到37°C的，按约定给付高温津贴。' }],
      exclusions: ['等待期内发生的高温日', '非官方气象站点的温度读数'],
    }),
  }),
  aProduct({
    code: 'RAIN',
    name: '景区下雨险',
    category: 'rain',
    tagline: '出游遇雨，10元红包安慰你',
    fromPremiumFen: 100,
    currentVersion: aVersion({
      filingNo: 'C00017932362022030100012',
      terms: rainTerms,
      clauses: [{ title: '第一条 保险责任', body: '游玩当日09:00-17:00景区降雨量达到2.0毫米的，按约定给付。' }],
      exclusions: ['游玩日期前一天20:00之后投保的'],
    }),
  }),
];
