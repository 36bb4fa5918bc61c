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

const USAGE = `usage: npm run pricing:backtest -- --train <files…> [--test <files…> | --holdout 0.2 [--seed 1]]
                                  [--k 30] [--payout 20000] [--base-rate national|none]
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
    terms: { delayThresholdMinutes: 120, paysOnCancellation: true, paysOnDiversion: true, credibilityK: 30, targetLossRatio: 0.65, minPremiumFen: 500, maxTriggerProbability: 0.5 },
  },
  {
    code: 'FD60',
    terms: { delayThresholdMinutes: 60, paysOnCancellation: true, paysOnDiversion: true, credibilityK: 30, targetLossRatio: 0.65, minPremiumFen: 800, maxTriggerProbability: 0.5 },
  },
];

interface Options {
  train: string[];
  test: string[];
  holdout?: number;
  seed: number;
  k?: number;
  payoutFen: number;
  useBaseRate: boolean;
}

const fail = (message: string): never => {
  process.stderr.write(`pricing:backtest: ${message}\n`);
  process.exit(1);
};

const parseOptions = (args: string[]): Options => {
  const options: Options = { train: [], test: [], seed: 1, payoutFen: 20_000, useBaseRate: true };
  let list: string[] | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = (): string => args[++i] ?? fail(`${arg} needs a value\n${USAGE}`);
    switch (arg) {
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
  if (options.train.length === 0) fail(`--train needs at least one file\n${USAGE}`);
  if (options.test.length === 0 && !(options.holdout! > 0 && options.holdout! < 1)) {
    fail(`give --test files, or --holdout between 0 and 1\n${USAGE}`);
  }
  if (!Number.isSafeInteger(options.payoutFen) || options.payoutFen <= 0) fail('--payout must be a positive number of fen');
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
      fail(error instanceof FlightHistoryRowError ? error.inFile(file).message : `${file}: ${(error as Error).message}`);
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

const main = async (): Promise<void> => {
  const options = parseOptions(process.argv.slice(2));
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
      (options.test.length > 0 ? ` (${testWithoutOutcome} rows without outcome skipped)` : ` (random ${options.holdout} holdout, seed ${options.seed})`) +
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
