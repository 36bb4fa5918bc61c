import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClaimEvidence } from '@xiaoan/shared';
import { claimEvidenceReview } from './claim-evidence-review.js';

const lineOf = (evidence: ClaimEvidence) => claimEvidenceReview(evidence).line(evidence);

test('shows under a flight claim the rule, its delay threshold and how many provider events it rests on', () => {
  const evidence: ClaimEvidence = {
    kind: 'flight',
    flightNo: 'MU5101',
    flightDate: '2026-12-10',
    outcome: 'no_final_status',
    scheduledArrival: '2026-12-10T06:05:00.000Z',
    actualArrival: null,
    delayMinutes: null,
    thresholdMinutes: 120,
    rule: 'FD120 v1',
    providerEventIds: ['e1', 'e2'],
  };
  assert.equal(lineOf(evidence), '规则 FD120 v1 · 延误阈值 120 分钟 · 数据源事件 2 条');
  assert.equal(claimEvidenceReview(evidence).basisExample, '航班公开信息');
});

test('shows under a heat claim the hot days counted, the deductible and any reading still under review', () => {
  const evidence: ClaimEvidence = {
    kind: 'heat',
    cityCode: 'wuhan',
    cityName: '武汉',
    stationId: '57494',
    seasonYear: 2027,
    coverStartDate: '2027-06-24',
    coverEndDate: '2027-08-31',
    units: 2,
    thresholdCelsius: 37,
    deductibleDays: 2,
    tickPerUnitFen: 500,
    capPerUnitFen: 5000,
    hotDays: [
      { date: '2027-07-01', tmaxCelsius: 37.4, hotDayNo: 1, amountFen: 0 },
      { date: '2027-07-02', tmaxCelsius: 38.1, hotDayNo: 2, amountFen: 0 },
      { date: '2027-07-03', tmaxCelsius: 37.0, hotDayNo: 3, amountFen: 1000 },
    ],
    dailyMaxima: [],
    flaggedDates: ['2027-07-02'],
    rule: 'HEAT37 v1',
  };
  assert.equal(
    lineOf(evidence),
    '规则 HEAT37 v1 · 高温日 ≥ 37°C · 已计 3 个高温日（免赔 2 天） · 读数更正待复核 2027-07-02 · 观测站 57494',
  );
  assert.equal(lineOf({ ...evidence, flaggedDates: [] }).includes('待复核'), false);
  assert.equal(claimEvidenceReview(evidence).basisExample, '气象观测数据');
});

test('shows under a rain claim the window total read against the threshold', () => {
  const evidence: ClaimEvidence = {
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
    providerEventIds: ['r1'],
  };
  assert.equal(
    lineOf(evidence),
    '规则 RAIN10 v1 · 08:00–18:00 累计 12.4 毫米，阈值 10.0 毫米 · 观测站 58437 · 数据源事件 1 条',
  );
});
