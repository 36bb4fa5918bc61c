import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { StatisticLevel } from '../domain/statistic-cell.js';

/**
 * One statistics cell: how many flights of one level's key were observed and how they ended.
 * Counts only, so imports add up; dimensions a level does not use hold `''` or `0` (see
 * `statistic-cell.ts`). Written with one set-based upsert per batch, read by primary key.
 */
@Entity({ name: 'flight_delay_statistics' })
export class FlightDelayStatisticEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  level: StatisticLevel;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  carrier: string;

  @PrimaryColumn({ name: 'flight_no', type: 'varchar', length: 6 })
  flightNo: string;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  origin: string;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  destination: string;

  @PrimaryColumn({ type: 'smallint' })
  quarter: number;

  @PrimaryColumn({ type: 'smallint' })
  month: number;

  @PrimaryColumn({ name: 'hour_band', type: 'smallint' })
  hourBand: number;

  @Column({ type: 'integer' })
  n: number;

  @Column({ name: 'n_delay_ge_60', type: 'integer' })
  nDelayGe60: number;

  @Column({ name: 'n_delay_ge_90', type: 'integer' })
  nDelayGe90: number;

  @Column({ name: 'n_delay_ge_120', type: 'integer' })
  nDelayGe120: number;

  @Column({ name: 'n_delay_ge_180', type: 'integer' })
  nDelayGe180: number;

  @Column({ name: 'n_cancelled', type: 'integer' })
  nCancelled: number;

  @Column({ name: 'n_diverted', type: 'integer' })
  nDiverted: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
