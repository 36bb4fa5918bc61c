import type { CoverSubjectKind } from '@xiaoan/shared';
import type { EvidenceOf } from './product-kind.js';

/** What a claim's row and its policy say about where a growing claim's evidence is. */
export interface GrowingClaimRow {
  claim_no: string;
  product_version_id: string;
  policy_id: string;
  place_code: string | null;
  units: number | null;
  /** YYYY-MM-DD, Beijing. */
  cover_start_date: string | null;
  cover_end_date: string | null;
  deductible_days: number | null;
}

/**
 * How a kind whose claims grow after they open (`ProductKind.evidenceGrows`) reads a claim's
 * evidence: a Nest provider in the kind's folder, listed in `EVIDENCE_READERS`. The claim module
 * asks it for every such claim it shows, so it names no kind itself.
 */
export interface ClaimEvidenceReader<K extends CoverSubjectKind = CoverSubjectKind> {
  readonly kind: K;
  /** The evidence so far; with `chart`, also what a detail page draws (HEAT37: the season's daily maxima). */
  read(claim: GrowingClaimRow, options: { chart: boolean }): Promise<EvidenceOf<K>>;
}
