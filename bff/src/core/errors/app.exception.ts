import { messageOf, type ErrorCode } from '@xiaoan/shared';

/**
 * The one exception the domain throws. It carries a catalogue code (shared/), never an HTTP
 * status: the exception filter alone maps codes to statuses.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? messageOf(code));
    this.name = 'AppException';
  }
}
