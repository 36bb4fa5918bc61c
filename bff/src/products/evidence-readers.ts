import type { Type } from '@nestjs/common';
import type { CoverSubjectKind } from '@xiaoan/shared';
import type { ClaimEvidenceReader } from './claim-evidence-reader.js';
import { HeatEvidenceReader } from './heat/heat-evidence.reader.js';
import { GROWING_EVIDENCE_KINDS } from './index.js';

export type { ClaimEvidenceReader, GrowingClaimRow } from './claim-evidence-reader.js';

/**
 * The evidence reader of each kind whose claims grow (kept apart from `PRODUCT_KINDS`, which is
 * pure: these are Nest providers with the database behind them). An entry written for another kind
 * fails to compile; `checkEvidenceReaders` refuses a growing kind without one.
 */
export const EVIDENCE_READERS: { readonly [K in CoverSubjectKind]?: Type<ClaimEvidenceReader<K>> } = {
  heat: HeatEvidenceReader,
};

/** The readers by kind, once every growing kind has exactly its own (checked when the app is built). */
export const checkEvidenceReaders = (
  readers: readonly ClaimEvidenceReader[],
): Map<CoverSubjectKind, ClaimEvidenceReader> => {
  const byKind = new Map(readers.map((reader) => [reader.kind, reader]));
  const missing = GROWING_EVIDENCE_KINDS.filter((kind) => !byKind.has(kind));
  const extra = [...byKind.keys()].filter((kind) => !GROWING_EVIDENCE_KINDS.includes(kind));
  if (missing.length > 0 || extra.length > 0 || byKind.size !== readers.length)
    throw new Error(
      `claim evidence readers do not match the growing kinds: missing ${missing.join(', ') || '-'}, not growing ${extra.join(', ') || '-'}`,
    );
  return byKind;
};
