import { z } from 'zod';

/** The documents a customer agrees to (compliance.md row 8: consent is recorded with its version). */
export const legalDocumentSchema = z.enum(['privacy', 'terms']);
export type LegalDocument = z.infer<typeof legalDocumentSchema>;

/**
 * The versions in force. A new text gets a new version here (and in the mini-program's text), and
 * consent to an older version is refused: the customer must read the current one.
 */
export const CURRENT_LEGAL_VERSIONS: Readonly<Record<LegalDocument, string>> = {
  privacy: '2026-12-01',
  terms: '2026-12-01',
};

export const recordConsentsRequestSchema = z.object({
  consents: z
    .array(z.object({ document: legalDocumentSchema, version: z.string().trim().min(1).max(16) }))
    .min(1)
    .max(2),
});
export type RecordConsentsRequest = z.input<typeof recordConsentsRequestSchema>;

export const consentSchema = z.object({
  document: legalDocumentSchema,
  version: z.string(),
  acceptedAt: z.iso.datetime({ offset: true }),
});
export type Consent = z.infer<typeof consentSchema>;

export const consentListResponseSchema = z.object({
  items: z.array(consentSchema),
  current: z.object({ privacy: z.string(), terms: z.string() }),
});
export type ConsentListResponse = z.infer<typeof consentListResponseSchema>;

export const CONSENTS_PATH = '/api/v1/me/consents';
