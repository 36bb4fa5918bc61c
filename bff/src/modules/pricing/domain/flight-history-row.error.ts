/** A CSV row that cannot be read as a flight. The import stops and names the line, so the file can be fixed. */
export class FlightHistoryRowError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly reason: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}line ${lineNumber}: ${reason}`);
    this.name = 'FlightHistoryRowError';
  }

  inFile(file: string): FlightHistoryRowError {
    return new FlightHistoryRowError(this.lineNumber, this.reason, file);
  }
}
