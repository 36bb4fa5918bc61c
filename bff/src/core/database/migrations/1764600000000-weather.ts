import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weather cover (issue #6): the places we insure (cities with their reference station, scenic
 * spots with theirs) and their capacity, every weather reading as evidence, the current value per
 * station and day or hour, the station history that prices HEAT37 and RAIN, and the daily heat
 * settlement with one accrual row per (policy, day).
 *
 * Quotes, orders, policies and claims were shaped for flights; a weather one has no flight and
 * names a place and a period instead (`place_code`, `units`, `cover_*_date`).
 */

interface Place {
  code: string;
  kind: 'city' | 'spot';
  name: string;
  cityName: string;
  stationId: string;
  /** Units per city-season (HEAT37) or persons per spot-day (RAIN). */
  capacity: number;
  sortOrder: number;
}

// City reference stations: the national basic stations each city's official maximum is read at.
const CITIES: Place[] = [
  ['chongqing', '重庆', '57516'],
  ['wuhan', '武汉', '57494'],
  ['changsha', '长沙', '57687'],
  ['nanchang', '南昌', '58606'],
  ['hangzhou', '杭州', '58457'],
  ['xian', '西安', '57036'],
  ['nanjing', '南京', '58238'],
  ['zhengzhou', '郑州', '57083'],
  ['fuzhou', '福州', '58847'],
  ['shanghai', '上海', '58367'],
  ['beijing', '北京', '54511'],
  ['guangzhou', '广州', '59287'],
].map(([code, name, stationId], index) => ({
  code: code!,
  kind: 'city' as const,
  name: name!,
  cityName: name!,
  stationId: stationId!,
  capacity: 2_000_000,
  sortOrder: index + 1,
}));

// Scenic spots: the automatic station nearest the visitor area.
const SPOTS: Place[] = [
  ['xihu', '西湖', '杭州', 'A58457'],
  ['huangshan', '黄山风景区', '黄山', 'A58437'],
  ['zhangjiajie', '张家界国家森林公园', '张家界', 'A57558'],
  ['gugong', '故宫博物院', '北京', 'A54511'],
  ['waitan', '外滩', '上海', 'A58362'],
  ['gulangyu', '鼓浪屿', '厦门', 'A59134'],
  ['emeishan', '峨眉山', '乐山', 'A56385'],
  ['lijiang', '丽江古城', '丽江', 'A56651'],
].map(([code, name, cityName, stationId], index) => ({
  code: code!,
  kind: 'spot' as const,
  name: name!,
  cityName: cityName!,
  stationId: stationId!,
  capacity: 2_000,
  sortOrder: index + 1,
}));

export class Weather1764600000000 implements MigrationInterface {
  name = 'Weather1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE weather_places (
        code varchar(32) PRIMARY KEY,
        kind varchar(8) NOT NULL CHECK (kind IN ('city', 'spot')),
        name varchar(32) NOT NULL,
        city_name varchar(32) NOT NULL,
        station_id varchar(16) NOT NULL UNIQUE,
        capacity integer NOT NULL CHECK (capacity > 0),
        sort_order integer NOT NULL DEFAULT 0
      )`);
    for (const place of [...CITIES, ...SPOTS]) {
      await queryRunner.query(
        `INSERT INTO weather_places (code, kind, name, city_name, station_id, capacity, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [place.code, place.kind, place.name, place.cityName, place.stationId, place.capacity, place.sortOrder],
      );
    }
    // Sold units per city-season ('2027') or persons per spot-day ('2027-07-01'); taken with
    // `sold + n <= capacity` in the statement that issues, so it can never pass the cap.
    await queryRunner.query(`
      CREATE TABLE weather_capacity (
        place_code varchar(32) NOT NULL REFERENCES weather_places (code),
        period varchar(10) NOT NULL,
        sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0),
        PRIMARY KEY (place_code, period)
      )`);

    // Every reading pushed or pulled, applied or not: the evidence behind a weather claim.
    await queryRunner.query(`
      CREATE TABLE weather_readings (
        id bigserial PRIMARY KEY,
        event_id varchar(64) NOT NULL UNIQUE,
        source varchar(8) NOT NULL CHECK (source IN ('push', 'poll')),
        station_id varchar(16) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('daily_max', 'hourly_precip')),
        reading_date date NOT NULL,
        hour_start timestamptz,
        value_hundredths integer NOT NULL,
        observed_at timestamptz NOT NULL,
        outcome varchar(16) NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'stale', 'flagged', 'unknown_station')),
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX weather_readings_station_idx ON weather_readings (station_id, reading_date)`);
    // The current value of each station-day (daily maximum, °C × 100) and station-hour
    // (precipitation, mm × 100): the latest observation wins until the day is settled.
    await queryRunner.query(`
      CREATE TABLE weather_daily_max (
        station_id varchar(16) NOT NULL,
        reading_date date NOT NULL,
        tmax_hundredths integer NOT NULL,
        reading_id bigint NOT NULL REFERENCES weather_readings (id),
        observed_at timestamptz NOT NULL,
        PRIMARY KEY (station_id, reading_date)
      )`);
    await queryRunner.query(`
      CREATE TABLE weather_hourly_precip (
        station_id varchar(16) NOT NULL,
        hour_start timestamptz NOT NULL,
        reading_date date NOT NULL,
        precip_hundredths integer NOT NULL CHECK (precip_hundredths >= 0),
        reading_id bigint NOT NULL REFERENCES weather_readings (id),
        observed_at timestamptz NOT NULL,
        PRIMARY KEY (station_id, hour_start)
      )`);
    await queryRunner.query(
      `CREATE INDEX weather_hourly_precip_day_idx ON weather_hourly_precip (station_id, reading_date)`,
    );
    // Station history for pricing (CSV import: station, date, tmax, precipitation). precip_tenths is
    // the rain in the visiting window (09:00-17:00 Beijing), the quantity RAIN pays on.
    await queryRunner.query(`
      CREATE TABLE weather_history (
        station_id varchar(16) NOT NULL,
        day date NOT NULL,
        tmax_tenths integer,
        precip_tenths integer,
        PRIMARY KEY (station_id, day)
      )`);

    // A covered weather subject instead of a flight.
    for (const table of ['quotes', 'orders', 'policies']) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN flight_id DROP NOT NULL`);
      await queryRunner.query(`
        ALTER TABLE ${table}
          ADD COLUMN place_code varchar(32) REFERENCES weather_places (code),
          ADD COLUMN units smallint CHECK (units > 0),
          ADD COLUMN cover_start_date date,
          ADD COLUMN cover_end_date date,
          ADD CONSTRAINT ${table}_subject_check CHECK ((flight_id IS NULL) <> (place_code IS NULL))`);
    }
    // Per policy, what the set-based settlement needs without reading the product version:
    // the city's deductible and the tick for all its units (payout_fen is the cap for all units).
    await queryRunner.query(`
      ALTER TABLE policies
        ADD COLUMN deductible_days smallint,
        ADD COLUMN tick_fen integer`);
    // One weather policy per insured per city-season / spot-day (units are bought on one policy).
    await queryRunner.query(
      `CREATE UNIQUE INDEX policies_one_per_insured_place ON policies (place_code, cover_end_date, insured_id_index)
        WHERE status <> 'cancelled' AND place_code IS NOT NULL`,
    );
    // A place's policies by cover: the settlement's cohorts, and RAIN's spot-day on every hour of rain.
    // (The heat settlement itself reads the table in physical order.)
    await queryRunner.query(
      `CREATE INDEX policies_place_cover_idx ON policies (place_code, cover_start_date) WHERE place_code IS NOT NULL`,
    );

    // Claims: one per policy as before; a heat claim grows as days accrue and may be collected
    // more than once, so what has been paid is kept apart from what has accrued.
    await queryRunner.query(`ALTER TABLE claims ALTER COLUMN flight_id DROP NOT NULL`);
    // A HEAT37 policy's one claim is opened with the policy and grows as days accrue; until its
    // first paying day there is nothing to tell the customer ('none').
    await queryRunner.query(`
      ALTER TABLE claims DROP CONSTRAINT claims_notify_state_check,
        ADD CONSTRAINT claims_notify_state_check CHECK (notify_state IN ('none', 'pending', 'sending', 'sent', 'unsubscribed', 'failed'))`);
    // Room on each page so that a day's growth of a claim is a HOT update (no index entries).
    await queryRunner.query(`ALTER TABLE claims SET (fillfactor = 80)`);
    // Heat claims not yet notified, found a page at a time after a settlement that paid.
    await queryRunner.query(`CREATE INDEX claims_notify_none_idx ON claims (created_at) WHERE notify_state = 'none'`);
    await queryRunner.query(
      `ALTER TABLE claims ADD COLUMN paid_fen integer NOT NULL DEFAULT 0 CHECK (paid_fen >= 0 AND paid_fen <= amount_fen)`,
    );

    // One row per (city, day) settled: what was decided, from which reading. Later corrections
    // never change it (they are flagged instead).
    await queryRunner.query(`
      CREATE TABLE heat_settlements (
        place_code varchar(32) NOT NULL REFERENCES weather_places (code),
        day date NOT NULL,
        tmax_hundredths integer NOT NULL,
        threshold_hundredths integer NOT NULL,
        hot boolean NOT NULL,
        reading_id bigint NOT NULL REFERENCES weather_readings (id),
        policies_accrued integer,
        accrued_fen bigint,
        started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz,
        PRIMARY KEY (place_code, day)
      )`);
    // Idempotent per (policy, day): a day is accrued to a policy at most once, whatever arrives twice.
    await queryRunner.query(`
      CREATE TABLE heat_accruals (
        policy_id uuid NOT NULL,
        day date NOT NULL,
        hot_day_no smallint NOT NULL,
        amount_fen integer NOT NULL CHECK (amount_fen >= 0),
        PRIMARY KEY (policy_id, day)
      )`);
    // Readings corrected after the day or hour was settled: never clawed back, reviewed by staff.
    await queryRunner.query(`
      CREATE TABLE weather_review_flags (
        id bigserial PRIMARY KEY,
        place_code varchar(32) NOT NULL REFERENCES weather_places (code),
        kind varchar(16) NOT NULL CHECK (kind IN ('daily_max', 'hourly_precip')),
        reading_date date NOT NULL,
        settled_hundredths integer NOT NULL,
        corrected_hundredths integer NOT NULL,
        reading_id bigint NOT NULL REFERENCES weather_readings (id),
        note text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by varchar(64),
        resolution text
      )`);
    await queryRunner.query(
      `CREATE INDEX weather_review_flags_open_idx ON weather_review_flags (created_at) WHERE resolved_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['weather_review_flags', 'heat_accruals', 'heat_settlements'])
      await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`ALTER TABLE claims DROP COLUMN paid_fen`);
    await queryRunner.query(`DROP INDEX claims_notify_none_idx`);
    await queryRunner.query(`ALTER TABLE claims RESET (fillfactor)`);
    await queryRunner.query(`UPDATE claims SET notify_state = 'sent' WHERE notify_state = 'none'`);
    await queryRunner.query(`
      ALTER TABLE claims DROP CONSTRAINT claims_notify_state_check,
        ADD CONSTRAINT claims_notify_state_check CHECK (notify_state IN ('pending', 'sending', 'sent', 'unsubscribed', 'failed'))`);
    await queryRunner.query(`DROP INDEX policies_place_cover_idx`);
    await queryRunner.query(`DROP INDEX policies_one_per_insured_place`);
    await queryRunner.query(`ALTER TABLE policies DROP COLUMN deductible_days, DROP COLUMN tick_fen`);
    for (const table of ['policies', 'orders', 'quotes']) {
      await queryRunner.query(
        `ALTER TABLE ${table} DROP CONSTRAINT ${table}_subject_check, DROP COLUMN place_code, DROP COLUMN units, DROP COLUMN cover_start_date, DROP COLUMN cover_end_date`,
      );
    }
    for (const table of [
      'weather_history',
      'weather_hourly_precip',
      'weather_daily_max',
      'weather_readings',
      'weather_capacity',
      'weather_places',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
