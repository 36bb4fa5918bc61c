import { beijingDateOf, beijingMinuteOfDay, type RainClaimEvidence } from '@xiaoan/shared';
import { windowHours } from '../../../features/weather/window-hours';

export interface RainColumn {
  /** `09:00`: the hour the reading starts. */
  hour: string;
  /** That hour's rain; null while it has not been received. */
  mm: number | null;
  /** Rain in the window before this hour. */
  beforeMm: number;
}

// Rain is summed in hundredths of a mm, as the trigger rule does, so 0.7 + 0.6 + 0.7 is exactly 2.0.
const hundredths = (mm: number): number => Math.round(mm * 100);

/** The window's hours in order (8 for 09:00-17:00), each with its reading and the rain before it. */
export const rainColumns = (evidence: RainClaimEvidence): RainColumn[] => {
  const byHour = new Map<number, number>();
  for (const { hourStart, precipitationMm } of evidence.hours) {
    const instant = new Date(hourStart);
    if (Number.isNaN(instant.getTime()) || beijingDateOf(instant) !== evidence.visitDate) continue;
    byHour.set(Math.floor(beijingMinuteOfDay(instant) / 60), precipitationMm);
  }
  let before = 0;
  return windowHours(evidence.windowStart, evidence.windowEnd).map((hour) => {
    const mm = byHour.get(hour) ?? null;
    const column = { hour: `${String(hour).padStart(2, '0')}:00`, mm, beforeMm: before / 100 };
    before += mm === null ? 0 : hundredths(mm);
    return column;
  });
};

/** The top of the scale: a little above the larger of the total and the threshold. */
export const rainScaleMm = (evidence: Pick<RainClaimEvidence, 'windowTotalMm' | 'thresholdMm'>): number =>
  Math.max(evidence.windowTotalMm, evidence.thresholdMm) * 1.25;
