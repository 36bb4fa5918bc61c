import { z } from 'zod';

/** The body of every non-2xx answer of the BFF. */
export const errorEnvelopeSchema = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  details: z.unknown().optional(),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** One entry of `details` for a validation failure: which field, and what is wrong with it. */
export const fieldIssueSchema = z.object({
  field: z.string(),
  issue: z.string(),
});

export type FieldIssue = z.infer<typeof fieldIssueSchema>;
