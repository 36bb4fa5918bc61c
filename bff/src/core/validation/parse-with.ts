import type { z } from 'zod';
import type { FieldIssue } from '@xiaoan/shared';
import { AppException } from '../errors/app.exception.js';

/**
 * Parse untrusted input with a shared zod schema. Unknown fields are stripped (zod objects do by
 * default); a failure becomes VALIDATION_FAILED with one `{field, issue}` per problem.
 */
export const parseWith = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    issue: issue.message,
  }));
  throw new AppException('VALIDATION_FAILED', details);
};
