import type { ClaimEvidence as ClaimEvidenceData } from '@xiaoan/shared';
import { productKindUi } from '../../../../products';
import './claim-evidence.scss';

export interface ClaimEvidenceProps {
  evidence: ClaimEvidenceData;
  /** Earned so far and already received: the heat summary states both. */
  amountFen: number;
  paidFen: number;
}

/** The facts behind a claim, drawn by the claim's product kind (`products/<kind>/`). */
export function ClaimEvidence({ evidence, amountFen, paidFen }: ClaimEvidenceProps) {
  const { Evidence } = productKindUi(evidence.kind);
  return <Evidence evidence={evidence} amountFen={amountFen} paidFen={paidFen} />;
}
