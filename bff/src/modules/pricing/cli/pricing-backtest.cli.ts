import { createReadStream } from 'node:fs';
import { formatYuan } from '@xiaoan/shared';
import { CHINA_BASE_TRIGGER_RATES } from '../domain/china-base-trigger-rates.js';
import type { FlightHistoryRecord } from '../domain/flight-history-record.js';
import { FlightStatisticsAggregate } from '../domain/flight-statistics-aggregate.js';
import { FlightHistoryRowError } from '../domain/flight-history-row.error.js';
import type { FlightDelayPricingTerms } from '../domain/price-flight-delay.js';
import { readFlightHistoryCsv } from '../import/read-flight-history-csv.js';
import { formatBacktestReport } from '../backtest/format-backtest-report.js';
import { runPricingBacktest } from '../backtest/run-pricing-backtest.js';
import { resolveCliPath } from './resolve-cli-path.js';
import { formatRollingReport } from '../backtest/format-rolling-report.js';
import { runRollingBacktest, type RollingModel } from '../backtest/run-rolling-backtest.js';
import { EXPERIENCE_LEVELS, type ExperienceLevel } from '../domain/experience-factor.js';
import { outcomeTriggers, type TriggerRule } from '../domain/outcome-counts.js';

const USAGE = `usage: npm run pricing:backtest -- --train <files…> [--test <files…> | --holdout 0.2 [--seed 1]]
                                  [--k 30] [--payout 20000] [--base-rate national|none]
       npm run pricing:backtest -- --rolling <files…> [--fold-days 7] [--min-days 7] [--min-train 1000] [--k 10000]
                                  [--window 7] [--half-life 2] [--experience-k 10] [--experience-levels national,carrier] [--no-experience]
                                  [--load 0.05] [--thin-k 100] [--month-k 1000] [--min-months 12] [--sweep 1|2|3|4|5]
                                  [--sale-lead-days 0] [--rounding-fen 100] [--no-minimum] [--daily] [--line]
                                  [--hour-k 1000] [--airline-k|--airport-k|--route-k|--flight-k K] [--max-factor 3]
                                  [--surge-window 7] [--surge-half-life 2] [--surge-k 10] [--surge-max 5]
                                  [--target-fd120 0.95] [--target-fd60 0.85] [--scan-target 0.80:1.00:0.005]
  --rolling    rolling origin: train on every flight before day D, price [D, D+fold-days), move D on
  --window, --half-life, --experience-k   recent-experience factor (days, days, expected triggers)
  --load, --thin-k   thin-cell uncertainty loading (standard errors) and national floor (flights)
  --month-k, --min-months   month factors, used only when history spans --min-months months
  --sale-lead-days   policies sold this many days before the flight (experience reads the days before the sale; 7 = all sold on D)
  --rounding-fen, --no-minimum   measure other premium rounding / no minimum premium (products.md fixes whole yuan and the minimum)
  --hour-k     national departure-hour-band relativities, credibility k (0: none)
  --airline-k, --airport-k, --route-k, --flight-k   credibility k of one level (0: the level uses --k)
  --surge-*    fast experience factor loading the price only, above the slow one (--surge-window 0: none)
  --target-fd120, --target-fd60   the premium formula's target loss ratio per product (0: the launch 0.65)
  --line       one summary line per product (overall, worst fold, Brier skill, each fold)
  --scan-target from:to:step   score the same policies at each target loss ratio of the range (both products; one run)
  --daily      print each day's flights and FD120/FD60 trigger rate by carrier, and stop
  --sweep      try a small grid of the model parameters (stages 1-5, ADR 0006) and print one line per choice
  --train      flight-history CSVs to build the statistics from (in memory; no database)
  --test       CSVs to price and score; without it, --holdout takes a random share of --train
  --k          credibility k (default: the launch terms, 30)
  --payout     payout tier in fen (default 20000 = ¥200)
  --base-rate  'none' prices without the configured Chinese base rate (history alone)`;

/**
 * The FD120 and FD60 launch terms as the catalogue migration seeds them. The backtest runs
 * without a database, so they are restated here; --k overrides credibility to explore.
 */
const LAUNCH_TERMS: { code: string; terms: FlightDelayPricingTerms }[] = [
  {
    code: 'FD120',
    terms: {
      delayThresholdMinutes: 120,
      paysOnCancellation: true,
      paysOnDiversion: true,
      credibilityK: 30,
      targetLossRatio: 0.65,
      minPremiumFen: 500,
      maxTriggerProbability: 0.5,
    },
  },
  {
    code: 'FD60',
    terms: {
      delayThresholdMinutes: 60,
      paysOnCancellation: true,
      paysOnDiversion: true,
      credibilityK: 30,
      targetLossRatio: 0.65,
      minPremiumFen: 800,
      maxTriggerProbability: 0.5,
    },
  },
];

/** The chosen model (ADR 0006, issue 16): what `--rolling` runs unless told otherwise. */
const ROLLING_DEFAULTS = {
  rollingK: 10_000,
  /** Slow experience: the best estimate's level (issue 16, round 3). */
  windowDays: 28,
  halfLifeDays: 14,
  experienceK: 100,
  experienceLevels: 'national,carrier',
  load: 0.05,
  thinK: 100,
  monthK: 1000,
  minMonths: 12,
  saleLeadDays: 0,
  hourK: 1000,
  maxFactor: 3,
  /** Fast experience, loading the price only. */
  surgeWindow: 7,
  surgeHalfLife: 2,
  surgeK: 10,
  /** From 4.5 up the cap no longer binds on this history; 3 held the storm week's loading down (ADR 0006, Update 4). */
  surgeMax: 5,
  airlineK: 0,
  airportK: 1000,
  routeK: 1000,
  flightK: 0,
  /** The premium formula's divisor per product (products.md's target_loss_ratio parameter). */
  targetFd120: 0.95,
  targetFd60: 0.85,
};

/** The grid `--sweep` tries; each line of its output is one of these on both products. */
const NC = 'national,carrier';
/** The grids `--sweep 1|2` try (stage 2 was chosen from what stage 1 showed; ADR 0006). */
const SWEEPS: Record<string, Partial<Options>[]> = {};
SWEEPS['2'] = [
  { k: 1000, experience: false, load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 0, thinK: 0 },
  { k: 1000, windowDays: 14, halfLifeDays: 7, experienceK: 30, experienceLevels: NC, load: 0, thinK: 0 },
  { k: 1000, windowDays: 14, halfLifeDays: 7, experienceK: 10, experienceLevels: 'national', load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 7, experienceK: 10, load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 0.5, thinK: 300 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 1, thinK: 300 },
  { k: 3000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 0, thinK: 0 },
];
SWEEPS['3'] = [
  { k: 1000, experience: false, load: 0, thinK: 0 },
  { k: 300, experience: false, load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 0, thinK: 0 },
  { k: 1000, windowDays: 14, halfLifeDays: 7, experienceK: 30, experienceLevels: NC, load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 7, experienceK: 10, load: 0, thinK: 0 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 0.5, thinK: 300 },
  { k: 1000, windowDays: 7, halfLifeDays: 3, experienceK: 10, experienceLevels: NC, load: 1, thinK: 300 },
];
/** Stage 4 (sale lead time: the experience reacting within days; rounding and minimum measured). */
SWEEPS['4'] = [
  { k: 1000, experience: false, load: 0, thinK: 0 },
  { k: 1000, experience: false, load: 0.25, thinK: 100 },
  ...[7, 1, 0].map((saleLeadDays) => ({
    k: 1000,
    windowDays: 14,
    halfLifeDays: 7,
    experienceK: 30,
    experienceLevels: NC,
    load: 0.25,
    thinK: 100,
    saleLeadDays,
  })),
  ...[1, 0].map((saleLeadDays) => ({
    k: 1000,
    windowDays: 7,
    halfLifeDays: 2,
    experienceK: 10,
    experienceLevels: NC,
    load: 0.25,
    thinK: 100,
    saleLeadDays,
  })),
  ...[1, 0].map((saleLeadDays) => ({
    k: 1000,
    windowDays: 7,
    halfLifeDays: 2,
    experienceK: 10,
    experienceLevels: 'national',
    load: 0.25,
    thinK: 100,
    saleLeadDays,
  })),
  ...[1, 0].map((saleLeadDays) => ({
    k: 1000,
    windowDays: 28,
    halfLifeDays: 14,
    experienceK: 30,
    experienceLevels: NC,
    load: 0.25,
    thinK: 100,
    saleLeadDays,
  })),
  {
    k: 1000,
    windowDays: 14,
    halfLifeDays: 7,
    experienceK: 30,
    experienceLevels: NC,
    load: 0,
    thinK: 0,
    saleLeadDays: 1,
  },
  {
    k: 3000,
    windowDays: 14,
    halfLifeDays: 7,
    experienceK: 30,
    experienceLevels: NC,
    load: 0.25,
    thinK: 100,
    saleLeadDays: 1,
  },
];
/** Stage 5: with the fast experience (sold on the day, 7-day window, 2-day half-life), flatten and unload. */
const FAST = { windowDays: 7, halfLifeDays: 2, experienceK: 10, experienceLevels: NC, saleLeadDays: 0 };
SWEEPS['5'] = [
  ...[1000, 3000, 10000].flatMap((k) => [0, 0.25].map((load) => ({ ...FAST, k, load, thinK: load > 0 ? 100 : 0 }))),
  { ...FAST, k: 3000, load: 0, thinK: 0, roundingFen: 10 },
  { ...FAST, k: 3000, load: 0, thinK: 0, minimum: false },
  { ...FAST, k: 3000, load: 0, thinK: 0, saleLeadDays: 1 },
  { ...FAST, k: 3000, load: 0, thinK: 0, experienceK: 5 },
  { ...FAST, k: 3000, load: 0, thinK: 0, experienceLevels: 'national,carrier,origin' },
];
SWEEPS['1'] = [
  ...[30, 100, 300, 1000].map((k) => ({ k, experience: false, load: 0, thinK: 0 })),
  ...[7, 14, 28].flatMap((windowDays) =>
    [3, 7].map((halfLifeDays) => ({ k: 300, windowDays, halfLifeDays, experienceK: 10, load: 0, thinK: 0 })),
  ),
  ...[3, 30].map((experienceK) => ({ k: 300, windowDays: 14, halfLifeDays: 3, experienceK, load: 0, thinK: 0 })),
  ...[0.5, 1, 2].flatMap((load) =>
    [100, 300].map((thinK) => ({ k: 300, windowDays: 14, halfLifeDays: 3, experienceK: 10, load, thinK })),
  ),
];

interface Options {
  rolling: string[];
  foldDays: number;
  minTrain: number;
  minDays: number;
  windowDays: number;
  halfLifeDays: number;
  experienceK: number;
  experience: boolean;
  experienceLevels: string;
  saleLeadDays: number;
  roundingFen: number;
  minimum: boolean;
  daily: boolean;
  load: number;
  thinK: number;
  monthK: number;
  minMonths: number;
  /** k of the national hour-band relativities (0: none). */
  hourK: number;
  /** Surge loading (fast experience on the price only): window, half-life, k, max (window 0: none). */
  surgeWindow: number;
  surgeHalfLife: number;
  surgeK: number;
  surgeMax: number;
  /** Upper bound of the experience factor. */
  maxFactor: number;
  /** Per-level credibility k (0: the level uses --k). */
  airlineK: number;
  airportK: number;
  routeK: number;
  flightK: number;
  /** Target loss ratio of the premium formula per product (0: the launch terms' 0.65). */
  targetFd120: number;
  targetFd60: number;
  sweep: string | null;
  /** Target loss ratios to score the same policies at (`--scan-target from:to:step`); empty: none. */
  scanTargets: number[];
  /** Print one summary line per product (for comparing choices). */
  line: boolean;
  train: string[];
  test: string[];
  holdout?: number;
  seed: number;
  k?: number;
  /** Credibility k of the rolling model when --k is not given (the single split keeps the launch terms). */
  rollingK: number;
  payoutFen: number;
  useBaseRate: boolean;
}

const fail = (message: string): never => {
  process.stderr.write(`pricing:backtest: ${message}\n`);
  process.exit(1);
};

const parseOptions = (args: string[]): Options => {
  const options: Options = {
    ...ROLLING_DEFAULTS,
    rolling: [],
    foldDays: 7,
    minTrain: 1000,
    minDays: 7,
    experience: true,
    sweep: null,
    scanTargets: [],
    line: false,
    roundingFen: 100,
    minimum: true,
    daily: false,
    train: [],
    test: [],
    seed: 1,
    payoutFen: 20_000,
    useBaseRate: true,
  };
  const numeric = (
    key:
      | 'saleLeadDays'
      | 'roundingFen'
      | 'foldDays'
      | 'minTrain'
      | 'minDays'
      | 'windowDays'
      | 'halfLifeDays'
      | 'experienceK'
      | 'load'
      | 'thinK'
      | 'monthK'
      | 'minMonths'
      | 'hourK'
      | 'maxFactor'
      | 'surgeWindow'
      | 'surgeHalfLife'
      | 'surgeK'
      | 'surgeMax'
      | 'airlineK'
      | 'airportK'
      | 'routeK'
      | 'flightK'
      | 'targetFd120'
      | 'targetFd60',
    text: string,
  ): void => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) fail(`${key} must be a number ≥ 0, got "${text}"`);
    options[key] = value;
    list = undefined;
  };
  let list: string[] | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = (): string => args[++i] ?? fail(`${arg} needs a value\n${USAGE}`);
    switch (arg) {
      case '--rolling':
        list = options.rolling;
        break;
      case '--sale-lead-days':
        numeric('saleLeadDays', value());
        break;
      case '--rounding-fen':
        numeric('roundingFen', value());
        if (!(options.roundingFen >= 1)) fail('--rounding-fen must be ≥ 1');
        break;
      case '--no-minimum':
        options.minimum = false;
        list = undefined;
        break;
      case '--scan-target': {
        const [from, to, step] = value().split(':').map(Number);
        if (!(from! > 0 && to! >= from! && step! > 0))
          fail('--scan-target takes from:to:step, 0 < from ≤ to, step > 0');
        // Whole steps from `from`, rounded to the step's decimals so 0.85 is 0.85, not 0.8500000001.
        const decimals = Math.max(0, -Math.floor(Math.log10(step!)) + 1);
        for (let i = 0; from! + i * step! <= to! + 1e-9; i += 1)
          options.scanTargets.push(Number((from! + i * step!).toFixed(decimals)));
        list = undefined;
        break;
      }
      case '--line':
        options.line = true;
        list = undefined;
        break;
      case '--daily':
        options.daily = true;
        list = undefined;
        break;
      case '--fold-days':
        numeric('foldDays', value());
        break;
      case '--min-train':
        numeric('minTrain', value());
        break;
      case '--min-days':
        numeric('minDays', value());
        break;
      case '--window':
        numeric('windowDays', value());
        break;
      case '--half-life':
        numeric('halfLifeDays', value());
        break;
      case '--experience-k':
        numeric('experienceK', value());
        break;
      case '--load':
        numeric('load', value());
        break;
      case '--thin-k':
        numeric('thinK', value());
        break;
      case '--month-k':
        numeric('monthK', value());
        break;
      case '--min-months':
        numeric('minMonths', value());
        break;
      case '--surge-window':
        numeric('surgeWindow', value());
        break;
      case '--surge-half-life':
        numeric('surgeHalfLife', value());
        break;
      case '--surge-k':
        numeric('surgeK', value());
        break;
      case '--surge-max':
        numeric('surgeMax', value());
        break;
      case '--max-factor':
        numeric('maxFactor', value());
        break;
      case '--hour-k':
        numeric('hourK', value());
        break;
      case '--airline-k':
        numeric('airlineK', value());
        break;
      case '--airport-k':
        numeric('airportK', value());
        break;
      case '--route-k':
        numeric('routeK', value());
        break;
      case '--flight-k':
        numeric('flightK', value());
        break;
      case '--target-fd120':
        numeric('targetFd120', value());
        break;
      case '--target-fd60':
        numeric('targetFd60', value());
        break;
      case '--experience-levels':
        options.experienceLevels = value();
        if (
          !options.experienceLevels
            .split(',')
            .every((level) => (EXPERIENCE_LEVELS as readonly string[]).includes(level))
        ) {
          fail(`--experience-levels takes a comma list of ${EXPERIENCE_LEVELS.join(', ')}`);
        }
        list = undefined;
        break;
      case '--no-experience':
        options.experience = false;
        list = undefined;
        break;
      case '--sweep':
        options.sweep = value();
        if (!SWEEPS[options.sweep]) fail(`--sweep takes ${Object.keys(SWEEPS).join(' or ')}`);
        list = undefined;
        break;
      case '--train':
        list = options.train;
        break;
      case '--test':
        list = options.test;
        break;
      case '--holdout':
        options.holdout = Number(value());
        list = undefined;
        break;
      case '--seed':
        options.seed = Number(value());
        list = undefined;
        break;
      case '--k':
        options.k = Number(value());
        list = undefined;
        break;
      case '--payout':
        options.payoutFen = Number(value());
        list = undefined;
        break;
      case '--base-rate':
        options.useBaseRate = value() !== 'none';
        list = undefined;
        break;
      case '--help':
        fail(USAGE);
        break;
      default:
        if (arg.startsWith('--') || !list) fail(`unexpected ${arg}\n${USAGE}`);
        list!.push(resolveCliPath(arg));
    }
  }
  if (options.rolling.length > 0) {
    if (options.train.length > 0 || options.test.length > 0 || options.holdout !== undefined)
      fail(`--rolling replaces --train/--test/--holdout\n${USAGE}`);
    if (!(options.foldDays >= 1) || !(options.halfLifeDays > 0)) fail('--fold-days must be ≥ 1 and --half-life > 0');
  } else if (options.train.length === 0) fail(`--train needs at least one file\n${USAGE}`);
  if (options.rolling.length === 0 && options.test.length === 0 && !(options.holdout! > 0 && options.holdout! < 1)) {
    fail(`give --test files, or --holdout between 0 and 1\n${USAGE}`);
  }
  if (!Number.isSafeInteger(options.payoutFen) || options.payoutFen <= 0)
    fail('--payout must be a positive number of fen');
  if (options.k !== undefined && !(options.k > 0)) fail('--k must be positive');
  return options;
};

const readRecords = async (files: string[]): Promise<{ records: FlightHistoryRecord[]; withoutOutcome: number }> => {
  const records: FlightHistoryRecord[] = [];
  let withoutOutcome = 0;
  for (const file of files) {
    try {
      for await (const row of readFlightHistoryCsv(createReadStream(file))) {
        if (row.kind === 'flight') records.push(row.record);
        else withoutOutcome += 1;
      }
    } catch (error) {
      fail(
        error instanceof FlightHistoryRowError ? error.inFile(file).message : `${file}: ${(error as Error).message}`,
      );
    }
  }
  return { records, withoutOutcome };
};

/** Deterministic PRNG (mulberry32), so a holdout split is the same run after run. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const modelOf = (
  options: Pick<
    Options,
    | 'experience'
    | 'experienceLevels'
    | 'windowDays'
    | 'halfLifeDays'
    | 'experienceK'
    | 'monthK'
    | 'minMonths'
    | 'hourK'
    | 'maxFactor'
    | 'surgeWindow'
    | 'surgeHalfLife'
    | 'surgeK'
    | 'surgeMax'
  >,
): RollingModel => ({
  hourBands: options.hourK > 0 ? { k: options.hourK } : null,
  surge:
    options.experience && options.surgeWindow > 0
      ? {
          windowDays: options.surgeWindow,
          halfLifeDays: options.surgeHalfLife,
          experienceK: options.surgeK,
          minFactor: 0.5,
          maxFactor: options.surgeMax,
          levels: options.experienceLevels.split(',') as ExperienceLevel[],
        }
      : null,
  experience: options.experience
    ? {
        windowDays: options.windowDays,
        halfLifeDays: options.halfLifeDays,
        experienceK: options.experienceK,
        minFactor: 0.5,
        maxFactor: options.maxFactor,
        levels: options.experienceLevels.split(',') as ExperienceLevel[],
      }
    : null,
  seasonality: { monthK: options.monthK, minMonths: options.minMonths },
});

/** Each day's flights and trigger rates by carrier: where the level moves, and how fast. */
const printDaily = (records: readonly FlightHistoryRecord[]): void => {
  const rules: TriggerRule[] = ([120, 60] as const).map((delayThresholdMinutes) => ({
    delayThresholdMinutes,
    paysOnCancellation: true,
    paysOnDiversion: true,
  }));
  const days = new Map<string, Map<string, { n: number; t120: number; t60: number }>>();
  for (const record of records) {
    if (!record.serviceDate) continue;
    const day = days.get(record.serviceDate) ?? new Map();
    days.set(record.serviceDate, day);
    for (const carrier of ['all', record.carrier]) {
      const cell = day.get(carrier) ?? { n: 0, t120: 0, t60: 0 };
      cell.n += 1;
      cell.t120 += outcomeTriggers(record.outcome, rules[0]!) ? 1 : 0;
      cell.t60 += outcomeTriggers(record.outcome, rules[1]!) ? 1 : 0;
      day.set(carrier, cell);
    }
  }
  process.stdout.write('day         carrier flights  FD120 rate  FD60 rate\n');
  for (const [day, carriers] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [carrier, cell] of [...carriers].sort(([a], [b]) =>
      a === 'all' ? -1 : b === 'all' ? 1 : a.localeCompare(b),
    )) {
      process.stdout.write(
        `${day}  ${carrier.padEnd(7)} ${String(cell.n).padStart(7)}  ${((100 * cell.t120) / cell.n).toFixed(2).padStart(9)}%  ${((100 * cell.t60) / cell.n).toFixed(2).padStart(8)}%\n`,
      );
    }
  }
};

const rolling = async (options: Options): Promise<void> => {
  const { records, withoutOutcome } = await readRecords(options.rolling);
  process.stdout.write(
    `rolling pricing backtest: ${records.length} flights (${withoutOutcome} rows without outcome skipped), ` +
      `folds of ${options.foldDays} days, first fold once ${options.minDays} days and ${options.minTrain} flights lie before it\n\n`,
  );
  const run = (code: string, launch: FlightDelayPricingTerms, o: Options) => {
    const byLevel = {
      ...(o.airlineK > 0 ? { airline: o.airlineK } : {}),
      ...(o.airportK > 0 ? { origin_airport: o.airportK, destination_airport: o.airportK } : {}),
      ...(o.routeK > 0 ? { route_month_hour_band: o.routeK } : {}),
      ...(o.flightK > 0 ? { flight_season: o.flightK } : {}),
    };
    const target = code === 'FD120' ? o.targetFd120 : o.targetFd60;
    const terms: FlightDelayPricingTerms = {
      ...launch,
      ...(target > 0 ? { targetLossRatio: target } : {}),
      ...(Object.keys(byLevel).length > 0 ? { credibilityKByLevel: byLevel } : {}),
      credibilityK: o.k ?? o.rollingK,
      uncertaintyLoading: o.load,
      thinCellK: o.thinK,
      premiumRoundingFen: o.roundingFen,
      minPremiumFen: o.minimum ? launch.minPremiumFen : 0,
    };
    const threshold = terms.delayThresholdMinutes as keyof typeof CHINA_BASE_TRIGGER_RATES;
    const baseRate = o.useBaseRate ? CHINA_BASE_TRIGGER_RATES[threshold] : undefined;
    return {
      terms,
      baseRate,
      result: runRollingBacktest({
        records,
        terms,
        baseRate,
        payoutFen: o.payoutFen,
        model: modelOf(o),
        foldDays: o.foldDays,
        minTrainingFlights: o.minTrain,
        minHistoryDays: o.minDays,
        saleLeadDays: o.saleLeadDays,
        scanTargetLossRatios: o.scanTargets,
      }),
    };
  };
  if (options.daily) return printDaily(records);
  if (options.scanTargets.length > 0) {
    // The charged p does not depend on the divisor: one run per product scores every target.
    process.stdout.write('product target  overall  worst | folds\n');
    for (const { code, terms: launch } of LAUNCH_TERMS) {
      const { result } = run(code, launch, options);
      options.scanTargets.forEach((target, i) => {
        process.stdout.write(
          `${code.padEnd(7)} ${target.toFixed(3)}   ${result.overall.lossRatioAtTargets[i]!.toFixed(3)}  ` +
            `${Math.max(0, ...result.folds.map((f) => f.lossRatioAtTargets[i]!)).toFixed(3)} | ` +
            result.folds.map((f) => f.lossRatioAtTargets[i]!.toFixed(3)).join(' ') +
            '\n',
        );
      });
      process.stdout.write(
        `${code.padEnd(7)} Brier skill ${(result.overall.brierSkill * 100).toFixed(2)}% (the same at every target)\n`,
      );
    }
    return;
  }
  if (options.line) {
    // One line per product for the options given: overall, per fold, Brier skill.
    for (const { code, terms: launch } of LAUNCH_TERMS) {
      const { result } = run(code, launch, options);
      const all = result.overall;
      process.stdout.write(
        `${code.padEnd(6)} LR ${all.lossRatio.toFixed(3)} model ${all.modelLossRatio.toFixed(3)} worst ${Math.max(0, ...result.folds.map((f) => f.lossRatio)).toFixed(3)} ` +
          `Brier ${(all.brierSkill * 100).toFixed(2)}% (at sale ${(all.brierSkillAtSale * 100).toFixed(2)}%) obs/pred ${(all.observedTriggers / Math.max(1e-9, all.predictedTriggers)).toFixed(3)} | folds ` +
          result.folds.map((f) => `${f.lossRatio.toFixed(2)}/${(f.brierSkill * 100).toFixed(1)}%`).join(' ') +
          '\n',
      );
    }
    return;
  }
  if (options.sweep) {
    process.stdout.write(
      'product  k    window half-life exp.k  levels                     load thin-k lead round min | overall LR  model LR  worst fold  Brier skill  obs/pred\n',
    );
    for (const choice of SWEEPS[options.sweep]!) {
      const o = { ...options, ...choice };
      for (const { code, terms: launch } of LAUNCH_TERMS) {
        const { result } = run(code, launch, o);
        const all = result.overall;
        process.stdout.write(
          `${code.padEnd(7)}  ${String(o.k ?? o.rollingK).padEnd(4)} ${o.experience ? String(o.windowDays).padStart(6) : '     -'} ` +
            `${o.experience ? String(o.halfLifeDays).padStart(9) : '        -'} ${o.experience ? String(o.experienceK).padStart(5) : '    -'}  ${(o.experience ? o.experienceLevels : '-').padEnd(25)} ` +
            `${String(o.load).padStart(5)} ${String(o.thinK).padStart(6)} ${String(o.saleLeadDays).padStart(4)} ${String(o.roundingFen).padStart(5)} ${o.minimum ? 'yes' : ' no'} | ${all.lossRatio.toFixed(3).padStart(10)}  ${all.modelLossRatio.toFixed(3).padStart(8)}  ` +
            `${Math.max(0, ...result.folds.map((f) => f.lossRatio))
              .toFixed(3)
              .padStart(10)}  ${(all.brierSkill * 100).toFixed(1).padStart(10)}%  ` +
            `${(all.predictedTriggers > 0 ? all.observedTriggers / all.predictedTriggers : 0).toFixed(3).padStart(8)}\n`,
        );
      }
    }
    return;
  }
  for (const { code, terms: launch } of LAUNCH_TERMS) {
    const { terms, baseRate, result } = run(code, launch, options);
    const title =
      `${code}: payout ¥${formatYuan(options.payoutFen)}, k = ${terms.credibilityK}, minimum premium ¥${formatYuan(terms.minPremiumFen)}, base rate ${baseRate ?? 'none'}; ` +
      (options.experience
        ? `experience ${options.experienceLevels}, window ${options.windowDays} d, half-life ${options.halfLifeDays} d, k ${options.experienceK}, sold ${options.saleLeadDays} d ahead`
        : 'no experience factor') +
      (options.roundingFen !== 100 ? `; premium rounded up to ${options.roundingFen} fen` : '') +
      (options.minimum ? '' : '; no minimum premium') +
      `; uncertainty loading ${options.load} SE, thin-cell k ${options.thinK}`;
    process.stdout.write(`${formatRollingReport(title, result, terms.targetLossRatio)}\n\n`);
  }
};

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2));
  if (options.rolling.length > 0) return rolling(options);
  const train = await readRecords(options.train);
  let trainRecords = train.records;
  let testRecords: FlightHistoryRecord[];
  let testWithoutOutcome = 0;
  if (options.test.length > 0) {
    const test = await readRecords(options.test);
    testRecords = test.records;
    testWithoutOutcome = test.withoutOutcome;
  } else {
    const random = seededRandom(options.seed);
    const held: FlightHistoryRecord[] = [];
    const kept: FlightHistoryRecord[] = [];
    for (const record of train.records) (random() < options.holdout! ? held : kept).push(record);
    trainRecords = kept;
    testRecords = held;
  }
  const training = new FlightStatisticsAggregate();
  for (const record of trainRecords) training.add(record);

  process.stdout.write(
    `pricing backtest: trained on ${trainRecords.length} flights (${train.withoutOutcome} rows without outcome skipped), ` +
      `${training.size} statistics cells; testing on ${testRecords.length} flights` +
      (options.test.length > 0
        ? ` (${testWithoutOutcome} rows without outcome skipped)`
        : ` (random ${options.holdout} holdout, seed ${options.seed})`) +
      `\n\n`,
  );
  for (const { code, terms: launch } of LAUNCH_TERMS) {
    const terms = { ...launch, credibilityK: options.k ?? launch.credibilityK };
    const threshold = terms.delayThresholdMinutes as keyof typeof CHINA_BASE_TRIGGER_RATES;
    const baseRate = options.useBaseRate ? CHINA_BASE_TRIGGER_RATES[threshold] : undefined;
    const result = runPricingBacktest({ training, test: testRecords, terms, baseRate, payoutFen: options.payoutFen });
    const title =
      `${code}: arrive ≥ ${terms.delayThresholdMinutes} min late, cancelled or diverted; payout ¥${formatYuan(options.payoutFen)}, ` +
      `k = ${terms.credibilityK}, minimum premium ¥${formatYuan(terms.minPremiumFen)}, base rate ${baseRate ?? 'none'}`;
    process.stdout.write(`${formatBacktestReport(title, result, terms.targetLossRatio)}\n\n`);
  }
};

void main();
