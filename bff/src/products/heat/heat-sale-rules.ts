import { beijingDateOf, heatSaleStatus, type ErrorCode, type HeatCover, type HeatTerms } from '@xiaoan/shared';

export type HeatSaleCheck = { ok: true; cover: HeatCover } | { ok: false; code: ErrorCode };

/**
 * Whether HEAT37 for `seasonYear` may be sold at `now`: this season or the next only, and never
 * once the waiting period would end after the season (the policy could never pay).
 */
export const checkHeatSale = (terms: HeatTerms, seasonYear: number, now: Date): HeatSaleCheck => {
  const thisYear = Number(beijingDateOf(now).slice(0, 4));
  if (seasonYear !== thisYear && seasonYear !== thisYear + 1) return { ok: false, code: 'SEASON_INVALID' };
  const status = heatSaleStatus({ purchasedAt: now, seasonYear, terms });
  if (!status.open)
    return { ok: false, code: status.reason === 'SEASON_OVER' ? 'HEAT_SEASON_OVER' : 'HEAT_NO_COVER_LEFT' };
  return { ok: true, cover: status.cover };
};
