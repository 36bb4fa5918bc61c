import { FlightDelayBaseRateEntity } from './flight-delay-base-rate.entity.js';
import { FlightDelayStatisticEntity } from './flight-delay-statistic.entity.js';
import { FlightHistoryImportEntity } from './flight-history-import.entity.js';

/** The pricing module's tables, registered in `core/database/entities.ts`. */
export const PRICING_ENTITIES = [FlightDelayStatisticEntity, FlightHistoryImportEntity, FlightDelayBaseRateEntity];
