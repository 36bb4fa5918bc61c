import { describe, expect, it } from '@jest/globals';
import {
  coverSubjectSchema,
  type FlightClaimEvidence,
  type HeatClaimEvidence,
  type RainClaimEvidence,
} from '@xiaoan/shared';
import { claimAnswerOf } from '../modules/support/domain/claim-question.js';
import type { ClaimFacts } from '../modules/claim/domain/claim-view.js';
import { PRODUCT_KINDS, productKind } from './index.js';

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
