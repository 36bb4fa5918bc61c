/**
 * Parameter-risk loading for a thin cell (issue 16). A flight whose own history is a handful of
 * departures has an estimate that could be far off; the premium carries that doubt instead of
 * the book. Two parts, both non-increasing in the cell's data volume `n`:
 *
 * - a standard-error loading `λ·√(p̄(1−p̄)/(n+m))`, with `p̄ = max(p, p_national)` so a cell
 *   that *looks* safe is loaded for the rate it might really have. `m` acts as the prior's
 *   weight in flights (Bühlmann: the credibility estimate's posterior variance is
 *   p(1−p)/(n+m)), so a cell with no history is loaded by λ prior standard deviations;
 * - a floor `p_national · m/(m+n)`: with no history of its own a flight is never priced under
 *   the national rate, and it may only move below it as its own evidence grows.
 *
 * `n` is the specific evidence: flight × season plus route × month × hour band observations.
 */
export interface UncertaintyLoadingTerms {
  /** λ, in standard errors (0 turns the loading off). */
  uncertaintyLoading: number;
  /** m: the prior's weight in flights; also how many own observations halve the national floor. */
  thinCellK: number;
}

export interface UncertaintyLoadingInput extends UncertaintyLoadingTerms {
  probability: number;
  nationalProbability: number;
  /** Observations behind the cell's own estimate. */
  cellFlights: number;
}

export interface UncertaintyLoaded {
  probability: number;
  loading: number;
  floor: number;
}

export const loadForUncertainty = (input: UncertaintyLoadingInput): UncertaintyLoaded => {
  const {
    probability: p,
    nationalProbability: pNational,
    cellFlights,
    uncertaintyLoading: lambda,
    thinCellK: m,
  } = input;
  if (!(cellFlights >= 0) || !(lambda >= 0) || !(m >= 0)) throw new RangeError('uncertainty loading needs n, λ, m ≥ 0');
  const reference = Math.min(1, Math.max(p, pNational));
  const loading = lambda * Math.sqrt((reference * (1 - reference)) / (cellFlights + Math.max(m, 1)));
  const floor = m > 0 ? (pNational * m) / (m + cellFlights) : 0;
  return { probability: Math.min(1, Math.max(p + loading, floor)), loading, floor };
};
