import { describe, expect, it } from '@jest/globals';
import {
  coverSubjectSchema,
  productTermsSchema,
  type CoverSubjectKind,
  type FlightClaimEvidence,
  type HeatClaimEvidence,
  type HeatTerms,
  type RainClaimEvidence,
  type RainTerms,
} from '@xiaoan/shared';
import { claimAnswerOf } from '../modules/support/domain/claim-question.js';
import type { ClaimFacts } from '../modules/claim/domain/claim-view.js';
import { checkEvidenceReaders, EVIDENCE_READERS } from './evidence-readers.js';
import { GROWING_EVIDENCE_KINDS, PRODUCT_KINDS, productKind, productKindOfTerms } from './index.js';
import type { ProductQuoter } from './product-quoter.js';
import { DEFAULT_QUOTE_KIND, quoterFor } from './quoters.js';

const heatEvidence: HeatClaimEvidence = {
  kind: 'heat',
  cityCode: 'wuhan',
  cityName: '武汉',
  stationId: '57494',
  seasonYear: 2027,
  coverStartDate: '2027-06-24',
  coverEndDate: '2027-08-31',
  thresholdCelsius: 37,
  units: 2,
  deductibleDays: 2,
  tickPerUnitFen: 500,
  capPerUnitFen: 5000,
  hotDays: [],
  dailyMaxima: [],
  flaggedDates: [],
  rule: '日最高气温≥37°C',
};

describe('the product kind registry', () => {
  // The registry's type already fails to compile on a missing kind; this catches an entry filed
  // under another kind's key, which a type written as `ProductKind<CoverSubjectKind>` would let through.
  it('has one entry per kind of the shared subject union, filed under its own kind', () => {
    const kinds = coverSubjectSchema.options.map((option) => option.shape.kind.value);
    expect(Object.keys(PRODUCT_KINDS).sort()).toEqual([...kinds].sort());
    for (const kind of kinds) expect(PRODUCT_KINDS[kind].kind).toBe(kind);
  });

  it('finds the kind every terms kind sells, each sold by exactly one kind', () => {
    const termsKinds = productTermsSchema.options.map((option) => option.shape.kind.value);
    const sold = Object.values(PRODUCT_KINDS).map((entry) => entry.termsKind);
    expect([...sold].sort()).toEqual([...termsKinds].sort());
    for (const entry of Object.values(PRODUCT_KINDS))
      expect(productKindOfTerms({ kind: entry.termsKind }).kind).toBe(entry.kind);
    expect(() => productKindOfTerms({ kind: 'typhoon' } as never)).toThrow(
      'no product kind sells terms of kind typhoon',
    );
  });
});

const HEAT_TERMS: HeatTerms = {
  kind: 'heat',
  thresholdCelsius: 37,
  seasonStart: '06-01',
  seasonEnd: '08-31',
  tickPerUnitFen: 500,
  capPerUnitFen: 5000,
  minUnits: 1,
  maxUnits: 10,
  waitingPeriodDays: 3,
  defaultDeductibleDays: 2,
  deductibleDaysByCity: { wuhan: 4 },
  uncertaintyLoading: 0.1,
  targetLossRatio: 0.7,
  minHistorySeasons: 5,
};
const RAIN_TERMS: RainTerms = {
  kind: 'rain',
  thresholdMm: 10,
  windowStart: '08:00',
  windowEnd: '18:00',
  payoutPerPersonFen: 3000,
  maxPersons: 6,
  saleClosesAtLocalTimeDayBefore: '20:00',
  targetLossRatio: 0.7,
  minPremiumFen: 100,
};
/** `2027-05-20 10:00` Beijing time. */
const MAY_20 = new Date('2027-05-20T02:00:00Z');

describe('the place rules of kinds sold per place', () => {
  it('gives HEAT37 cover from payment, counted in the season, with its accrual figures', () => {
    const rules = PRODUCT_KINDS.heat.place!;
    expect(rules.insuredCount(3)).toBe(1);
    expect(rules.capacityPeriod('2027-08-31')).toBe('2027');
    const cover = rules.coverAtIssue(HEAT_TERMS, { placeCode: 'wuhan', units: 3, coverEndDate: '2027-08-31' }, MAY_20);
    expect(cover).toEqual({
      start: '2027-06-01',
      end: '2027-08-31',
      capacityPeriod: '2027',
      accrual: { deductibleDays: 4, tickFen: 1500 },
    });
    // Paid after the last day the waiting period still leaves cover: refunded, not issued.
    const late = new Date('2027-08-30T02:00:00Z');
    expect(
      rules.coverAtIssue(HEAT_TERMS, { placeCode: 'wuhan', units: 1, coverEndDate: '2027-08-31' }, late),
    ).toBeNull();
    expect(rules.stopSaleReason(HEAT_TERMS, '2027-08-31', late)).toBe('HEAT_NO_COVER_LEFT');
    expect(rules.stopSaleReason(HEAT_TERMS, '2029-08-31', MAY_20)).toBe('SEASON_INVALID');
  });

  it('gives RAIN the visit day, counted per day, one person per unit, closed at 20:00 the day before', () => {
    const rules = PRODUCT_KINDS.rain.place!;
    expect(rules.insuredCount(3)).toBe(3);
    expect(rules.capacityPeriod('2027-06-01')).toBe('2027-06-01');
    expect(
      rules.coverAtIssue(RAIN_TERMS, { placeCode: 'huangshan', units: 2, coverEndDate: '2027-06-01' }, MAY_20),
    ).toEqual({
      start: '2027-06-01',
      end: '2027-06-01',
      capacityPeriod: '2027-06-01',
      accrual: null,
    });
    const eveBefore = new Date('2027-05-31T12:00:00Z'); // 20:00 Beijing, the day before
    expect(
      rules.coverAtIssue(RAIN_TERMS, { placeCode: 'huangshan', units: 2, coverEndDate: '2027-06-01' }, eveBefore),
    ).toBeNull();
    expect(rules.stopSaleReason(RAIN_TERMS, '2027-06-01', eveBefore)).toBe('RAIN_SALE_CLOSED');
    expect(rules.stopSaleReason(RAIN_TERMS, '2027-07-01', MAY_20)).toBe('VISIT_DATE_TOO_FAR');
  });

  it('has no place rules for the flight, which is sold per flight', () => {
    expect(PRODUCT_KINDS.flight.place).toBeNull();
  });
});

describe('the order line of each kind', () => {
  const none = {
    flightNo: null,
    flightDate: null,
    placeName: null,
    units: null,
    coverStartDate: null,
    coverEndDate: null,
  };
  it('names the flight and day, the city and season, or the spot, day and persons', () => {
    expect(PRODUCT_KINDS.flight.orderLine({ ...none, flightNo: 'MU5101', flightDate: '2026-12-10' })).toBe(
      'MU5101 · 12月10日',
    );
    expect(
      PRODUCT_KINDS.heat.orderLine({
        ...none,
        placeName: '武汉',
        units: 2,
        coverStartDate: '2027-06-01',
        coverEndDate: '2027-08-31',
      }),
    ).toBe('武汉 · 2027年高温季');
    expect(
      PRODUCT_KINDS.rain.orderLine({
        ...none,
        placeName: '黄山',
        units: 2,
        coverStartDate: '2027-07-01',
        coverEndDate: '2027-07-01',
      }),
    ).toBe('黄山 · 7月1日 · 2人');
  });
});

describe('choosing the quoter for a quote body', () => {
  const quoter = (kind: string, subjectField: string): ProductQuoter =>
    ({ kind, subjectField, quote: () => Promise.reject(new Error('not called')) }) as unknown as ProductQuoter;
  const quoters = [quoter('flight', 'flightNo'), quoter('heat', 'cityCode'), quoter('rain', 'spotCode')];

  it('takes the kind the product on sale sells, even when another kind takes the same fields', () => {
    // A fourth kind sold per spot-day takes RAIN's body; only its product tells them apart.
    const spotDayKinds = [...quoters, quoter('snow', 'spotCode')];
    const body = { productCode: 'SNOW', spotCode: 'huangshan', visitDate: '2027-01-10', persons: 2 };
    expect(quoterFor(spotDayKinds, body, 'snow' as never).kind).toBe('snow');
    expect(quoterFor(spotDayKinds, { ...body, productCode: 'RAIN' }, 'rain').kind).toBe('rain');
  });

  it('takes the kind whose subject the body names when its product is not on sale', () => {
    expect(quoterFor(quoters, { productCode: 'HEAT99', cityCode: 'wuhan' }, null).kind).toBe('heat');
    expect(quoterFor(quoters, { productCode: 'RAIN', spotCode: 'huangshan' }, null).kind).toBe('rain');
    expect(quoterFor(quoters, { productCode: 'FD120', flightNo: 'MU5101' }, null).kind).toBe('flight');
  });

  it("checks a body that names nothing (or is not an object) as the default kind's, so its errors name real fields", () => {
    expect(DEFAULT_QUOTE_KIND).toBe('flight');
    expect(quoterFor(quoters, {}, null).kind).toBe('flight');
    expect(quoterFor(quoters, null, null).kind).toBe('flight');
    expect(quoterFor(quoters, 'MU5101', null).kind).toBe('flight');
  });
});

describe('the automatic answer about a claim under review', () => {
  const facts = {
    id: 'c1',
    claimNo: 'C0000000000000001',
    status: 'manual_review',
    policyNo: 'P0000000000000001',
    productName: '高温补贴险',
    amountFen: 0,
    paidFen: 0,
    pendingFen: 0,
    evidence: heatEvidence,
    rejectedReason: null,
    policyIssuedAt: new Date('2027-06-20T02:00:00Z'),
    createdAt: new Date('2027-07-01T02:00:00Z'),
    approvedAt: null,
    paidAt: null,
    bills: [],
  } as ClaimFacts;

  it('gives a weather claim its own reason, not the flight wording', () => {
    const answer = claimAnswerOf(facts);
    expect(answer).toContain('正在人工审核：气温读数正在复核');
    expect(answer).not.toContain('航班');
  });
});

describe("the subject row of the staff console's review queue", () => {
  const flightEvidence: FlightClaimEvidence = {
    kind: 'flight',
    flightNo: 'MU5101',
    flightDate: '2026-12-10',
    outcome: 'no_final_status',
    scheduledArrival: '2026-12-10T06:05:00.000Z',
    actualArrival: null,
    delayMinutes: null,
    thresholdMinutes: 120,
    rule: 'FD120 v1',
    providerEventIds: [],
  };
  const rainEvidence: RainClaimEvidence = {
    kind: 'rain',
    spotCode: 'huangshan',
    spotName: '黄山',
    stationId: '58437',
    visitDate: '2027-07-01',
    persons: 1,
    thresholdMm: 10,
    windowStart: '08:00',
    windowEnd: '18:00',
    windowTotalMm: 12.4,
    hours: [],
    rule: 'RAIN10 v1',
    providerEventIds: [],
  };

  // Weather claims are approved by rule and never opened for review today; the row is still theirs
  // when one is, so a heat or rain claim never shows up as a flight.
  it("names the flight, the city's hot season or the scenic spot and day, each under its own label", () => {
    expect(productKind('flight').staffSubject(flightEvidence)).toEqual({ label: '航班', value: 'MU5101 2026-12-10' });
    expect(productKind('heat').staffSubject(heatEvidence)).toEqual({ label: '城市', value: '武汉 2027 高温季' });
    expect(productKind('rain').staffSubject(rainEvidence)).toEqual({ label: '景区', value: '黄山 2027-07-01' });
  });
});

describe("a claim's stored evidence, read by its kind", () => {
  it("reads a flight's jsonb timestamps (the session's format) as ISO instants", () => {
    const evidence = PRODUCT_KINDS.flight.storedEvidence({
      kind: 'flight',
      flightNo: 'MU5101',
      flightDate: '2026-12-10',
      outcome: 'arrived',
      scheduledArrival: '2026-12-10T14:05:00+08:00',
      actualArrival: '2026-12-10T16:31:00+08:00',
      delayMinutes: 146,
      thresholdMinutes: 120,
      rule: 'FD120 v1',
      providerEventIds: ['e1'],
    });
    expect(evidence.scheduledArrival).toBe('2026-12-10T06:05:00.000Z');
    expect(evidence.actualArrival).toBe('2026-12-10T08:31:00.000Z');
  });

  it("refuses RAIN evidence that is not RAIN's shape, and HEAT37's, which lives in its accruals", () => {
    expect(() => PRODUCT_KINDS.rain.storedEvidence({ kind: 'rain', spotCode: 'huangshan' })).toThrow();
    expect(() => PRODUCT_KINDS.heat.storedEvidence({ kind: 'heat', cityCode: 'wuhan' })).toThrow(
      'read from its accruals',
    );
  });
});

describe('claims that grow are read by their kind', () => {
  const readerOf = (kind: CoverSubjectKind) => ({ kind, read: async () => ({}) as never });

  it('HEAT37 is the kind whose claims grow, and its reader is the one registered', () => {
    expect(GROWING_EVIDENCE_KINDS).toEqual(['heat']);
    expect(Object.keys(EVIDENCE_READERS)).toEqual(['heat']);
    expect(checkEvidenceReaders([readerOf('heat')]).get('heat')?.kind).toBe('heat');
  });

  it('refuses to build the app with a growing kind unread, a reader for a kind whose evidence is stored, or two readers', () => {
    expect(() => checkEvidenceReaders([])).toThrow('missing heat');
    expect(() => checkEvidenceReaders([readerOf('heat'), readerOf('rain')])).toThrow('not growing rain');
    expect(() => checkEvidenceReaders([readerOf('heat'), readerOf('heat')])).toThrow('do not match');
  });
});
