/**
 * A line of a weather-history CSV that cannot be read as a station-day. A few of them are listed
 * and skipped; too many (or a broken header) refuse the whole file.
 */
export class WeatherHistoryRowError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly reason: string,
  ) {
    super(`line ${lineNumber}: ${reason}`);
    this.name = 'WeatherHistoryRowError';
  }
}
