import { formatCny } from '@xiaoan/shared';
import { productKind } from '../../../products/index.js';
import type { ClaimFacts } from '../../claim/domain/claim-view.js';

/** The variables a canned reply may use, and what each means. */
export const CANNED_VARIABLES = ['claimNo', 'policyNo', 'delayMinutes', 'payoutAmount', 'claimStatus'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export const variablesOf = (body: string): string[] => [
  ...new Set([...body.matchAll(PLACEHOLDER)].map((match) => match[1]!)),
];

const STATUS_WORDS: Record<ClaimFacts['status'], string> = {
  approved: '已批准',
  offered: '红包待领取',
  paid: '已到账',
  failed: '领取失败，可重新领取',
  expired: '红包已过期，可重新领取',
  manual_review: '人工审核中',
  rejected: '未通过',
};

/** The values a claim gives the variables (delayMinutes only for a flight that landed). */
export const claimVariables = (facts: ClaimFacts): Partial<Record<CannedVariable, string>> => ({
  claimNo: facts.claimNo,
  policyNo: facts.policyNo,
  payoutAmount: formatCny(facts.amountFen),
  claimStatus: STATUS_WORDS[facts.status],
  ...productKind(facts.evidence.kind).cannedVariables(facts.evidence),
});

/** The body with every variable filled in, or the names it still lacks. */
export const renderCannedReply = (
  body: string,
  values: Partial<Record<string, string>>,
): { text: string } | { missing: string[] } => {
  const missing = variablesOf(body).filter((name) => values[name] === undefined);
  if (missing.length > 0) return { missing };
  return { text: body.replace(PLACEHOLDER, (_all, name: string) => values[name]!) };
};
