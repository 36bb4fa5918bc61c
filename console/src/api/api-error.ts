import type { HttpError } from '@refinedev/core';

/**
 * A non-2xx answer of the BFF (`{code, message, requestId}`), as refine expects an error to look.
 * The console switches on `code`, never on the message text.
 */
export class ApiError extends Error implements HttpError {
  readonly statusCode: number;
  readonly code: string;
  readonly requestId: string | undefined;
  /** From `Retry-After`, when the BFF asks to wait (429). */
  readonly retryAfterSeconds: number | undefined;
  readonly details: unknown;
  readonly errors?: Record<string, string[]>;

  constructor(init: {
    statusCode: number;
    code: string;
    message: string;
    requestId?: string;
    retryAfterSeconds?: number;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.statusCode = init.statusCode;
    this.code = init.code;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.details = init.details;
    const fieldErrors = fieldErrorsOf(init.details);
    if (fieldErrors) this.errors = fieldErrors;
  }
}

/** `details` of VALIDATION_FAILED is `[{field, issue}]`: refine shows them under the form fields. */
const fieldErrorsOf = (details: unknown): Record<string, string[]> | undefined => {
  if (!Array.isArray(details)) return undefined;
  const errors: Record<string, string[]> = {};
  for (const entry of details) {
    if (entry && typeof entry === 'object' && typeof entry.field === 'string' && typeof entry.issue === 'string') {
      (errors[entry.field] ??= []).push(entry.issue);
    }
  }
  return Object.keys(errors).length > 0 ? errors : undefined;
};

/** What a person is told about a failed request: the BFF's Chinese message, or a network failure. */
export const describeError = (error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds) {
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      return `${error.message}（约 ${minutes} 分钟后可再试）`;
    }
    return error.message;
  }
  return '网络异常，请检查网络后重试';
};
