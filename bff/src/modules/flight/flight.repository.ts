import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ProviderFlight } from '../../integrations/flight-data/flight-data.client.js';
import { FLIGHT_COLUMNS, type FlightRow } from './flight.record.js';

@Injectable()
export class FlightRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(
    flightNo: string,
    flightDate: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FlightRow | undefined> {
    const rows = (await manager.query(
      `SELECT ${FLIGHT_COLUMNS} FROM flights WHERE flight_no = $1 AND flight_date = $2`,
      [flightNo, flightDate],
    )) as FlightRow[];
    return rows[0];
  }

  async findById(id: string): Promise<FlightRow | undefined> {
    const rows = (await this.dataSource.query(`SELECT ${FLIGHT_COLUMNS} FROM flights WHERE id = $1`, [
      id,
    ])) as FlightRow[];
    return rows[0];
  }

  /**
   * Store the provider's view. A stale answer never overwrites a newer one: the provider's
   * revision only moves forward (a late "scheduled" never undoes an "arrived").
   */
  async upsertFromProvider(flight: ProviderFlight): Promise<FlightRow> {
    const rows = (await this.dataSource.query(
      `INSERT INTO flights AS f (flight_no, flight_date, carrier_code, carrier_name, origin, destination,
                                 scheduled_departure, scheduled_arrival, status, estimated_departure,
                                 actual_departure, actual_arrival, provider_revision, refreshed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT (flight_no, flight_date) DO UPDATE SET
         status = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.status ELSE f.status END,
         estimated_departure = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.estimated_departure ELSE f.estimated_departure END,
         actual_departure = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.actual_departure ELSE f.actual_departure END,
         actual_arrival = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.actual_arrival ELSE f.actual_arrival END,
         provider_revision = GREATEST(f.provider_revision, EXCLUDED.provider_revision),
         refreshed_at = now()
       RETURNING ${FLIGHT_COLUMNS}`,
      [
        flight.flightNo,
        flight.flightDate,
        flight.carrierCode,
        flight.carrierName,
        JSON.stringify(flight.origin),
        JSON.stringify(flight.destination),
        flight.scheduledDeparture,
        flight.scheduledArrival,
        flight.status,
        flight.estimatedDeparture,
        flight.actualDeparture,
        flight.actualArrival,
        flight.revision,
      ],
    )) as FlightRow[];
    return rows[0]!;
  }
}
