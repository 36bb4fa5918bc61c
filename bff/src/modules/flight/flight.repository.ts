import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { named } from '../../core/database/named-parameters.js';
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
      ...named(
        `INSERT INTO flights AS f (flight_no, flight_date, carrier_code, carrier_name, origin, destination,
                                   scheduled_departure, scheduled_arrival, status, estimated_departure,
                                   actual_departure, actual_arrival, provider_revision, refreshed_at)
         VALUES ($flightNo, $flightDate, $carrierCode, $carrierName, $origin, $destination,
                 $scheduledDeparture, $scheduledArrival, $status, $estimatedDeparture,
                 $actualDeparture, $actualArrival, $revision, now())
         ON CONFLICT (flight_no, flight_date) DO UPDATE SET
           status = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.status ELSE f.status END,
           estimated_departure = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.estimated_departure ELSE f.estimated_departure END,
           actual_departure = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.actual_departure ELSE f.actual_departure END,
           actual_arrival = CASE WHEN EXCLUDED.provider_revision >= f.provider_revision THEN EXCLUDED.actual_arrival ELSE f.actual_arrival END,
           provider_revision = GREATEST(f.provider_revision, EXCLUDED.provider_revision),
           refreshed_at = now()
         RETURNING ${FLIGHT_COLUMNS}`,
        {
          flightNo: flight.flightNo,
          flightDate: flight.flightDate,
          carrierCode: flight.carrierCode,
          carrierName: flight.carrierName,
          origin: JSON.stringify(flight.origin),
          destination: JSON.stringify(flight.destination),
          scheduledDeparture: flight.scheduledDeparture,
          scheduledArrival: flight.scheduledArrival,
          status: flight.status,
          estimatedDeparture: flight.estimatedDeparture,
          actualDeparture: flight.actualDeparture,
          actualArrival: flight.actualArrival,
          revision: flight.revision,
        },
      ),
    )) as FlightRow[];
    return rows[0]!;
  }
}
