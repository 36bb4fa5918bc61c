import type { QueryValue } from '../../api/api-client.js';

export type SearchKind = 'policyNo' | 'orderNo' | 'claimNo' | 'phone' | 'nameAndFlight';

export interface SearchInput {
  value: string;
  flightNo?: string | undefined;
  /** `YYYY-MM-DD`. */
  flightDate?: string | undefined;
}

/** The BFF's search query for what the agent typed: one way of finding at a time, tidied as the contract expects. */
export const customerSearchQueryOf = (kind: SearchKind, input: SearchInput): Record<string, QueryValue> => {
  const value = input.value.trim();
  if (kind === 'nameAndFlight')
    return { nameMasked: value, flightNo: input.flightNo?.trim().toUpperCase(), flightDate: input.flightDate };
  if (kind === 'phone') return { phone: value.replace(/\s+/g, '') };
  return { [kind]: value };
};
