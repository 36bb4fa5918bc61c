import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The configured national trigger probability per delay threshold: the prior under imported
 * history, and the whole estimate when nothing was imported. Market-wide configuration rather
 * than product terms, because FD60, FD120 and any later variant share one market.
 */
@Entity({ name: 'flight_delay_base_rates' })
export class FlightDelayBaseRateEntity {
  @PrimaryColumn({ name: 'delay_threshold_minutes', type: 'smallint' })
  delayThresholdMinutes: number;

  /** numeric(6,5): exact as configured; the driver returns it as a string. */
  @Column({ name: 'trigger_probability', type: 'numeric', precision: 6, scale: 5 })
  triggerProbability: string;

  @Column({ type: 'text' })
  source: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
