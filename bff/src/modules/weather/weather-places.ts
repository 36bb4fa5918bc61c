import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { WeatherPlaceKind } from '@xiaoan/shared';

export interface WeatherPlaceRecord {
  code: string;
  kind: WeatherPlaceKind;
  name: string;
  cityName: string;
  stationId: string;
  /** Units per city-season (HEAT37) or persons per spot-day (RAIN). */
  capacity: number;
  sortOrder: number;
}

const TTL_MS = 60_000;

/**
 * The cities and scenic spots on sale, with their reference stations: a small table read on every
 * quote and every reading, so it is kept in memory for a minute.
 */
@Injectable()
export class WeatherPlaces {
  private loaded: {
    at: number;
    byCode: Map<string, WeatherPlaceRecord>;
    byStation: Map<string, WeatherPlaceRecord>;
  } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byCode(code: string): Promise<WeatherPlaceRecord | undefined> {
    return (await this.load()).byCode.get(code);
  }

  async byStation(stationId: string): Promise<WeatherPlaceRecord | undefined> {
    return (await this.load()).byStation.get(stationId);
  }

  async list(kind: WeatherPlaceKind): Promise<WeatherPlaceRecord[]> {
    return [...(await this.load()).byCode.values()]
      .filter((place) => place.kind === kind)
      .sort((a, b) => a.sortOrder - b.sortOrder);
  }

  /** Forget the cached table (after an operator changed a capacity). */
  invalidate(): void {
    this.loaded = null;
  }

  private async load() {
    if (this.loaded && Date.now() - this.loaded.at < TTL_MS) return this.loaded;
    const rows = (await this.dataSource.query(
      `SELECT code, kind, name, city_name AS "cityName", station_id AS "stationId", capacity, sort_order AS "sortOrder" FROM weather_places`,
    )) as WeatherPlaceRecord[];
    this.loaded = {
      at: Date.now(),
      byCode: new Map(rows.map((row) => [row.code, row])),
      byStation: new Map(rows.map((row) => [row.stationId, row])),
    };
    return this.loaded;
  }
}
