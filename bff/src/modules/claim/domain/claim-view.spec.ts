import { describe, expect, it } from '@jest/globals';
import type { FlightClaimEvidence } from '@xiaoan/shared';
import { flightFactsLine } from '../../../products/flight-delay/flight-delay.product.js';
import { claimHeadline, claimTimeline, toClaimSummary, type ClaimFacts } from './claim-view.js';

const evidence = (overrides: Partial<FlightClaimEvidence> = {}): FlightClaimEvidence => ({
  kind: 'flight',
  flightNo: 'MU5101',
  flightDate: '2026-05-21',
  outcome: 'arrived',
  // 14:05 and 16:31 in Beijing.
  scheduledArrival: '2026-05-21T06:05:00.000Z',
  actualArrival: '2026-05-21T08:31:00.000Z',
  delayMinutes: 146,
  thresholdMinutes: 120,
  rule: 'FD120 v1',
  providerEventIds: ['e1'],
  ...overrides,
});

describe('what the customer reads about a flight claim', () => {
  it('explains the decision in one line, in Beijing time', () => {
    expect(flightFactsLine(evidence())).toBe('计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120');
    expect(flightFactsLine(evidence({ actualArrival: '2026-05-21T16:10:00.000Z', delayMinutes: 605 }))).toBe(
      '计划 14:05 到达 · 实际 次日 00:10 · 晚 605 分钟 ≥ 120',
    );
    expect(flightFactsLine(evidence({ delayMinutes: 119, actualArrival: '2026-05-21T08:04:00.000Z' }))).toBe(
      '计划 14:05 到达 · 实际 16:04 · 晚 119 分钟 < 120',
    );
    expect(flightFactsLine(evidence({ outcome: 'cancelled', actualArrival: null, delayMinutes: null }))).toBe(
      '计划 14:05 到达 · 航班取消 · 按条款全额赔付',
    );
    expect(claimHeadline(evidence())).toBe('MU5101 晚到 146 分钟');
    expect(claimHeadline(evidence({ outcome: 'diverted' }))).toBe('MU5101 航班备降');
  });

  it('tells the story from purchase to the money arriving, re-offers included', () => {
    const facts: ClaimFacts = {
      id: '6c1f3c1e-8d1b-4b59-9a55-1d2f1c0b7e11',
      claimNo: 'C2605210000000017',
      status: 'paid',
      policyNo: 'P2605010000000012',
      productName: '航班延误险',
      amountFen: 20000,
      paidFen: 0,
      pendingFen: 0,
      evidence: evidence(),
      rejectedReason: null,
      policyIssuedAt: new Date('2026-05-01T02:00:00Z'),
      createdAt: new Date('2026-05-21T08:31:05Z'),
      approvedAt: new Date('2026-05-21T08:31:05Z'),
      paidAt: new Date('2026-05-21T09:02:00Z'),
      bills: [
        {
          attempt: 1,
          state: 'FAIL',
          amountFen: 20000,
          createdAt: new Date('2026-05-21T09:00:00Z'),
          finishedAt: new Date('2026-05-21T09:00:30Z'),
        },
        {
          attempt: 2,
          state: 'SUCCESS',
          amountFen: 20000,
          createdAt: new Date('2026-05-21T09:01:00Z'),
          finishedAt: new Date('2026-05-21T09:02:00Z'),
        },
      ],
    };
    expect(claimTimeline(facts).map((entry) => `${entry.title}|${entry.detail ?? ''}`)).toEqual([
      '投保成功|保单号 P2605010000000012',
      '航班到达|计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120',
      '理赔已批准|按条款赔付 ¥200.00',
      '红包已发放|请在 24 小时内领取',
      '领取失败|可以重新领取',
      '红包已发放|请在 24 小时内领取',
      '已到账|¥200.00 已转入微信零钱',
    ]);
    expect(toClaimSummary(facts).collectable).toBe(false);
    expect(toClaimSummary({ ...facts, status: 'expired' }).collectable).toBe(true);
    expect(toClaimSummary({ ...facts, status: 'manual_review' }).collectable).toBe(false);
  });

  it('keeps the money in view while WeChat has not created the bill of a failed 拆', () => {
    const facts: ClaimFacts = {
      id: '6c1f3c1e-8d1b-4b59-9a55-1d2f1c0b7e12',
      claimNo: 'C2605210000000018',
      status: 'approved',
      policyNo: 'P2605010000000013',
      productName: '航班延误险',
      amountFen: 20000,
      paidFen: 0,
      pendingFen: 0,
      creatingFen: 20000,
      evidence: evidence(),
      rejectedReason: null,
      policyIssuedAt: new Date('2026-05-01T02:00:00Z'),
      createdAt: new Date('2026-05-21T08:31:05Z'),
      approvedAt: new Date('2026-05-21T08:31:05Z'),
      paidAt: null,
      bills: [],
    };
    expect([toClaimSummary(facts).collectable, toClaimSummary(facts).collectableFen]).toEqual([true, 20000]);
    // A growing (HEAT37-like) claim offers the bill being created as it is; the rest comes after.
    expect(toClaimSummary({ ...facts, amountFen: 26000 }).collectableFen).toBe(20000);
  });

  it('lists the timeline in the order things happened, whatever order they are gathered in', () => {
    const heat: ClaimFacts = {
      id: '6c1f3c1e-8d1b-4b59-9a55-1d2f1c0b7e12',
      claimNo: 'C2707200000000017',
      status: 'approved',
      policyNo: 'P2611280000000012',
      productName: '37°C高温险',
      amountFen: 1000,
      paidFen: 0,
      pendingFen: 0,
      creatingFen: 0,
      evidence: {
        kind: 'heat',
        cityCode: 'shanghai',
        cityName: '上海',
        stationId: '58367',
        seasonYear: 2027,
        coverStartDate: '2027-06-21',
        coverEndDate: '2027-08-31',
        units: 1,
        thresholdCelsius: 37,
        deductibleDays: 1,
        tickPerUnitFen: 500,
        capPerUnitFen: 10000,
        hotDays: [
          { date: '2027-07-02', tmaxCelsius: 38.1, hotDayNo: 2, amountFen: 500 },
          { date: '2027-07-01', tmaxCelsius: 38.5, hotDayNo: 1, amountFen: 0 },
        ],
        dailyMaxima: [],
        flaggedDates: [],
        rule: 'HEAT37 v1',
      },
      rejectedReason: null,
      policyIssuedAt: new Date('2026-11-28T02:00:00Z'),
      createdAt: new Date('2026-11-28T02:00:00Z'),
      approvedAt: new Date('2027-07-03T00:00:00Z'),
      paidAt: null,
      bills: [],
    };
    const timeline = claimTimeline(heat);
    expect(timeline.map((entry) => entry.title)).toEqual(['投保成功', '第 1 个高温日', '第 2 个高温日', '累计补贴']);
    expect(timeline.map((entry) => entry.at)).toEqual([...timeline.map((entry) => entry.at)].sort());
  });
});
