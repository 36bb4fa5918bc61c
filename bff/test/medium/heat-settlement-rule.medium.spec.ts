import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import {
  countHotDays,
  heatAccrualFen,
  heatCover,
  heatDeductibleDays,
  heatPayoutFen,
  isHotDay,
  type DailyMaxReading,
  type HeatTerms,
} from '@xiaoan/shared';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Clock } from '../../src/core/clock/clock.js';
import { dataSourceOptions } from '../../src/core/database/data-source.factory.js';
import { UnitOfWork } from '../../src/core/database/unit-of-work.js';
import type { JobQueue } from '../../src/core/jobs/job-queue.js';
import { AccrueHeatClaimsUseCase } from '../../src/modules/claim/accrue-heat-claims.use-case.js';
import { ClaimRepository } from '../../src/modules/claim/claim.repository.js';
import { CloseClaimOnCancellationUseCase } from '../../src/modules/claim/close-claim-on-cancellation.use-case.js';
import { CancelPolicyUseCase } from '../../src/modules/policy/cancel-policy.use-case.js';
import { PolicyRepository } from '../../src/modules/policy/policy.repository.js';
import { IngestWeatherReadingUseCase } from '../../src/modules/weather/ingest-weather-reading.use-case.js';
import type { SettleRainDayUseCase } from '../../src/modules/weather/settle-rain-day.use-case.js';
import { SettleHeatDayUseCase } from '../../src/modules/weather/settle-heat-day.use-case.js';
import { WeatherPlaces } from '../../src/modules/weather/weather-places.js';
import { cloneTemplateDatabase, type IsolatedDatabase } from '../support/isolated-database.js';

/**
 * One source for HEAT37's settlement rule: readings go through the real ingest and the set-based
 * settlement SQL (the day decided by the weather module, the accruals and claims written by the
 * claim module), and every policy's claim and accruals must equal what the pure rules in shared
 * compute over the same readings (heatCover, isHotDay / countHotDays, heatPayoutFen,
 * heatAccrualFen), after every settled day: 36.9 / 37.0 °C and readings finer than tenths, the
 * deductible of each city, the cap, the waiting period, cancellation, days before the cover starts
 * and after it ends, and several days accumulating, one of them settled late.
 */
interface GridPolicy {
  label: string;
  /** Beijing purchase time: the cover (waiting period included) is the pure rule's. */
  purchasedAt: string;
  units: number;
  /** 退保 through the policy module before the cover starts. */
  cancelled?: boolean;
}
interface Scenario {
  label: string;
  city: string;
  /** A season of its own, so that its settlements cannot meet another scenario's. */
  seasonYear: number;
  policies: GridPolicy[];
  /** Daily maxima in the order they are reported and settled. */
  readings: { day: string; tmax: number }[];
}

type Accrual = { day: string; hotDayNo: number; amountFen: number };

/** `count` days from `first`, each with the same maximum. */
const run = (first: string, count: number, tmax: number) =>
  Array.from({ length: count }, (_, i) => {
    const day = new Date(`${first}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + i);
    return { day: day.toISOString().slice(0, 10), tmax };
  });

const SCENARIOS: Scenario[] = [
  {
    label: 'the 37.0 °C boundary',
    city: 'guangzhou',
    seasonYear: 2031,
    policies: [{ label: '1 unit', purchasedAt: '2031-06-01T10:00:00+08:00', units: 1 }],
    readings: [36.9, 37.0, 36.99, 36.95, 37.05, 36.999, 36.9999, 38.6, 36.0, 37.1].map((tmax, i) => ({
      day: `2031-07-${String(i + 1).padStart(2, '0')}`,
      tmax,
    })),
  },
  ...(['guangzhou', 'beijing', 'shanghai', 'chongqing'] as const).map((city, i): Scenario => ({
    label: `the deductible days of ${city}`,
    city,
    seasonYear: 2032 + i,
    policies: [
      { label: '1 unit', purchasedAt: `${2032 + i}-06-01T10:00:00+08:00`, units: 1 },
      { label: '3 units', purchasedAt: `${2032 + i}-06-02T23:59:00+08:00`, units: 3 },
    ],
    readings: run(`${2032 + i}-07-01`, 12, 37.0),
  })),
  {
    label: 'the cap',
    city: 'guangzhou',
    seasonYear: 2036,
    policies: [
      { label: '2 units', purchasedAt: '2036-06-01T10:00:00+08:00', units: 2 },
      { label: '10 units', purchasedAt: '2036-06-01T11:00:00+08:00', units: 10 },
    ],
    readings: run('2036-07-01', 24, 39.2),
  },
  {
    label: 'the waiting period and the season start',
    city: 'beijing',
    seasonYear: 2037,
    policies: [
      { label: 'bought before the season', purchasedAt: '2037-06-10T09:00:00+08:00', units: 1 },
      { label: 'bought on 07-01 (cover from 07-04)', purchasedAt: '2037-07-01T00:01:00+08:00', units: 2 },
      { label: 'bought late on 07-01', purchasedAt: '2037-07-01T23:59:00+08:00', units: 1 },
      { label: 'bought on 07-02 (cover from 07-05)', purchasedAt: '2037-07-02T08:00:00+08:00', units: 1 },
    ],
    readings: [...run('2037-06-19', 4, 38.0), ...run('2037-07-01', 8, 37.5)],
  },
  {
    label: 'the season end',
    city: 'shanghai',
    seasonYear: 2038,
    policies: [
      { label: 'bought in June', purchasedAt: '2038-06-05T12:00:00+08:00', units: 1 },
      { label: 'bought on 08-27 (cover 08-30 to 08-31)', purchasedAt: '2038-08-27T12:00:00+08:00', units: 1 },
    ],
    readings: run('2038-08-25', 9, 37.2),
  },
  {
    label: 'a cancellation before the cover',
    city: 'guangzhou',
    seasonYear: 2039,
    policies: [
      { label: 'kept', purchasedAt: '2039-06-01T10:00:00+08:00', units: 2 },
      { label: 'cancelled', purchasedAt: '2039-06-01T10:30:00+08:00', units: 2, cancelled: true },
    ],
    readings: run('2039-07-01', 5, 38.0),
  },
  {
    label: 'several days accumulating, one settled late',
    city: 'beijing',
    seasonYear: 2040,
    policies: [
      { label: '1 unit', purchasedAt: '2040-06-01T10:00:00+08:00', units: 1 },
      { label: '4 units', purchasedAt: '2040-07-02T10:00:00+08:00', units: 4 },
    ],
    readings: [
      { day: '2040-07-03', tmax: 37.4 },
      { day: '2040-07-05', tmax: 38.1 },
      { day: '2040-07-04', tmax: 36.8 },
      { day: '2040-07-08', tmax: 37.0 },
      { day: '2040-07-06', tmax: 40.3 },
      { day: '2040-07-01', tmax: 37.9 },
      { day: '2040-07-07', tmax: 39.0 },
      { day: '2040-07-02', tmax: 37.0 },
    ],
  },
];

describe('the HEAT37 settlement SQL and the shared heat rules', () => {
  let database: IsolatedDatabase;
  let dataSource: DataSource;
  let now = new Date();
  const clock = { now: () => now } as unknown as Clock;
  // Follow-up jobs (the settlement job, notifications, refunds) are not what is under test here.
  const jobs = { enqueue: async () => null } as unknown as JobQueue;
  let terms: HeatTerms;
  let versionId: string;
  let productId: string;
  let stations: Map<string, string>;
  let ingest: IngestWeatherReadingUseCase;
  let settle: SettleHeatDayUseCase;
  let cancel: CancelPolicyUseCase;

  beforeAll(async () => {
    // The use cases log each settlement; only their errors matter here.
    Logger.overrideLogger(['error']);
    database = await cloneTemplateDatabase(process.env.DATABASE_URL!);
    dataSource = await new DataSource(dataSourceOptions({ url: database.url, poolSize: 4 })).initialize();
    const [version] = (await dataSource.query(
      `SELECT v.id, v.product_id, v.terms FROM product_versions v JOIN products p ON p.id = v.product_id
        WHERE p.code = 'HEAT37' ORDER BY v.version DESC LIMIT 1`,
    )) as { id: string; product_id: string; terms: HeatTerms }[];
    ({ id: versionId, product_id: productId, terms } = version!);
    const places = (await dataSource.query(`SELECT code, station_id FROM weather_places`)) as {
      code: string;
      station_id: string;
    }[];
    stations = new Map(places.map((place) => [place.code, place.station_id]));
    const unitOfWork = new UnitOfWork(dataSource, jobs);
    const weatherPlaces = new WeatherPlaces(dataSource);
    // A daily maximum never reaches RAIN's evaluation.
    ingest = new IngestWeatherReadingUseCase(unitOfWork, weatherPlaces, clock, null as unknown as SettleRainDayUseCase);
    settle = new SettleHeatDayUseCase(
      dataSource,
      weatherPlaces,
      clock,
      jobs,
      new AccrueHeatClaimsUseCase(new ClaimRepository()),
    );
    settle.slices = 3;
    cancel = new CancelPolicyUseCase(unitOfWork, clock, new CloseClaimOnCancellationUseCase(new ClaimRepository()));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Issues the scenario's policies as order settlement does: the order, the policy, its claim at 0. */
  const issue = async (scenario: Scenario) => {
    const tag = randomBytes(4).toString('hex');
    const deductibleDays = heatDeductibleDays(terms, scenario.city);
    const [customer] = (await dataSource.query(`INSERT INTO customers (openid) VALUES ($1) RETURNING id`, [
      `oheat_${tag}`,
    ])) as { id: string }[];
    const issued = [];
    for (const [i, policy] of scenario.policies.entries()) {
      const cover = heatCover({ purchasedAt: new Date(policy.purchasedAt), seasonYear: scenario.seasonYear, terms });
      const payoutFen = terms.capPerUnitFen * policy.units;
      const id = await dataSource.transaction(async (manager) => {
        const [quote] = (await manager.query(
          `INSERT INTO quotes (customer_id, product_id, product_version_id, place_code, units, cover_start_date, cover_end_date, payout_fen, premium_fen, pricing, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1800, '{}', now() + interval '1 hour') RETURNING id`,
          [customer!.id, productId, versionId, scenario.city, policy.units, cover.start, cover.end, payoutFen],
        )) as { id: string }[];
        const [order] = (await manager.query(
          `INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, place_code, units, cover_start_date, cover_end_date,
                               amount_fen, payout_fen, status, insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index,
                               insured_id_masked, insured_phone_encrypted, insured_phone_masked, exclusions_read_version_id, idempotency_key,
                               request_hash, paid_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1800, $9, 'pending_payment', 'grid', '张*', 'grid', $10, '1101**********0000', 'grid',
                   '138****0000', $4, $1, repeat('0', 64), now(), now() + interval '1 hour')
           RETURNING id`,
          [
            `HG${tag}${i}`,
            customer!.id,
            quote!.id,
            versionId,
            scenario.city,
            policy.units,
            cover.start,
            cover.end,
            payoutFen,
            `grid-${tag}-${i}`,
          ],
        )) as { id: string }[];
        const [row] = await new PolicyRepository().insertWeatherPolicies(
          manager,
          [
            {
              policyNo: `PG${tag}${i}`,
              orderId: order!.id,
              customerId: customer!.id,
              productVersionId: versionId,
              placeCode: scenario.city,
              units: policy.units,
              coverStartDate: cover.start,
              coverEndDate: cover.end,
              premiumFen: 1800,
              payoutFen,
              insuredIdIndex: `grid-${tag}-${i}`,
              deductibleDays,
              tickFen: terms.tickPerUnitFen * policy.units,
            },
          ],
          new Date(policy.purchasedAt),
        );
        await new ClaimRepository().openHeatClaims(
          manager,
          [{ policyId: row!.policyId, customerId: customer!.id, productVersionId: versionId, cityCode: scenario.city }],
          new Date(policy.purchasedAt),
        );
        // Created unpaid, then issued: the order state machine's guard refuses an order created issued.
        await manager.query(`UPDATE orders SET status = 'issued' WHERE id = $1`, [order!.id]);
        return row!.policyId;
      });
      if (policy.cancelled) {
        now = new Date(policy.purchasedAt);
        await cancel.execute({ policy: id, initiatedBy: { kind: 'customer', customerId: customer!.id } });
      }
      issued.push({ ...policy, id, cover, deductibleDays });
    }
    return issued;
  };

  const claimAndAccruals = async (policyId: string) => {
    const [claim] = (await dataSource.query(`SELECT amount_fen, status FROM claims WHERE policy_id = $1`, [
      policyId,
    ])) as { amount_fen: number; status: string }[];
    const accruals = (await dataSource.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, hot_day_no AS "hotDayNo", amount_fen AS "amountFen" FROM heat_accruals WHERE policy_id = $1 ORDER BY day`,
      [policyId],
    )) as Accrual[];
    return { amountFen: claim!.amount_fen, accruals };
  };

  it.each(SCENARIOS)('pays every policy what the shared rules pay, day after day: $label', async (scenario) => {
    const policies = await issue(scenario);
    const threshold = terms.thresholdCelsius;
    const settled: DailyMaxReading[] = [];
    const expectedAccruals = new Map(policies.map((policy) => [policy.id, [] as Accrual[]]));
    for (const { day, tmax } of scenario.readings) {
      // The reading arrives the evening of its day; it is settled by the morning's job (called here).
      now = new Date(`${day}T23:00:00+08:00`);
      const answer = await ingest.execute(
        {
          eventId: `grid-${scenario.seasonYear}-${day}`,
          kind: 'daily_max',
          stationId: stations.get(scenario.city)!,
          date: day,
          tmaxCelsius: tmax,
          observedAt: `${day}T22:00:00+08:00`,
        },
        'push',
      );
      expect(answer.outcome).toBe('applied');
      now = new Date(`${day}T23:30:00+08:00`);
      const outcome = await settle.settle(scenario.city, day);
      expect({ day, tmax, hot: outcome.hot }).toEqual({ day, tmax, hot: isHotDay(tmax, threshold) });
      settled.push({ date: day, tmaxCelsius: tmax });

      for (const policy of policies) {
        const rule = { deductibleDays: policy.deductibleDays, units: policy.units, terms };
        const hotDays = policy.cancelled ? 0 : countHotDays(settled, policy.cover, threshold);
        if (!policy.cancelled && hotDays > countHotDays(settled.slice(0, -1), policy.cover, threshold)) {
          expectedAccruals.get(policy.id)!.push({
            day,
            hotDayNo: hotDays,
            amountFen: heatAccrualFen({ ...rule, previousHotDays: hotDays - 1 }),
          });
        }
        expect({ policy: policy.label, day, ...(await claimAndAccruals(policy.id)) }).toEqual({
          policy: policy.label,
          day,
          amountFen: heatPayoutFen({ ...rule, hotDays }),
          accruals: [...expectedAccruals.get(policy.id)!].sort((a, b) => a.day.localeCompare(b.day)),
        });
      }
    }
  });

  it('the grid holds both answers at each boundary, so it can tell the rules apart', () => {
    const threshold = terms?.thresholdCelsius ?? 37;
    const temperatures = SCENARIOS.flatMap((scenario) => scenario.readings.map((reading) => reading.tmax));
    expect(temperatures.some((tmax) => isHotDay(tmax, threshold))).toBe(true);
    expect(temperatures.some((tmax) => !isHotDay(tmax, threshold))).toBe(true);
  });
});
