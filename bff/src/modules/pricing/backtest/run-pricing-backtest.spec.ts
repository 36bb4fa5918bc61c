import { describe, expect, it } from '@jest/globals';
import { FlightStatisticsAggregate } from '../domain/flight-statistics-aggregate.js';
import type { FlightHistoryRecord } from '../domain/flight-history-record.js';
import type { FlightDelayPricingTerms } from '../domain/price-flight-delay.js';
import { runPricingBacktest } from './run-pricing-backtest.js';

const FD120: FlightDelayPricingTerms = {
  delayThresholdMinutes: 120,
  paysOnCancellation: true,
  paysOnDiversion: true,
  credibilityK: 30,
  targetLossRatio: 0.65,
  minPremiumFen: 500,
  maxTriggerProbability: 0.5,
};

const flight = (delay: number | 'cancelled', overrides: Partial<FlightHistoryRecord> = {}): FlightHistoryRecord => ({
  carrier: 'XA',
  flightNo: '1',
  origin: 'PEK',
  destination: 'SHA',
  month: 7,
  scheduledDepartureHour: 9,
  outcome: delay === 'cancelled' ? { kind: 'cancelled' } : { kind: 'arrived', arrivalDelayMinutes: delay },
  ...overrides,
});

describe('backtesting prices against what happened', () => {
  it('scores each test flight with the premium it would have paid and the claim it would have made', () => {
    // No training history: every flight is priced at the 3.5% base rate, ¥11 for a ¥200 payout.
    const test = [flight(0), flight(130), flight('cancelled'), ...Array.from({ length: 17 }, () => flight(10))];
    const result = runPricingBacktest({
      training: new FlightStatisticsAggregate(),
      test,
      terms: FD120,
      baseRate: 0.035,
      payoutFen: 20_000,
    });
    expect(result).toMatchObject({
      flights: 20,
      quoted: 20,
      premiumFen: 20 * 1100,
      claimsFen: 2 * 20_000,
      observedTriggers: 2,
    });
    expect(result.lossRatio).toBeCloseTo(40_000 / 22_000, 10);
    expect(result.predictedTriggers).toBeCloseTo(20 * 0.035, 10);
    expect(result.deciles).toHaveLength(10);
    expect(result.deciles.every((bucket) => bucket.flights === 2)).toBe(true);
  });

  it('ranks a flight that kept being late above one that did not, and leaves declined flights out of the book', () => {
    const training = new FlightStatisticsAggregate();
    for (let i = 0; i < 100; i += 1)
      training.add(flight(i < 90 ? 200 : 0, { flightNo: 'bad', origin: 'XIY', destination: 'URC' }));
    for (let i = 0; i < 900; i += 1) training.add(flight(0));
    const test = [flight(200, { flightNo: 'bad', origin: 'XIY', destination: 'URC' }), flight(0)];
    const result = runPricingBacktest({ training, test, terms: FD120, baseRate: 0.035, payoutFen: 20_000 });
    expect(result.declined).toEqual({ TRIGGER_PROBABILITY_TOO_HIGH: 1 });
    expect(result.quoted).toBe(1);
    expect(result.claimsFen).toBe(0);
    expect(result.coverage).toEqual({ flightSeason: 1, routeMonthHourBand: 1 });
  });
});
