import { describeLocalDate, formatLocalDate } from '../../utils/shanghai-date';

/** `2027-06-24`…`2027-08-31` → `2027年6月24日–8月31日` (the year once when both ends share it). */
export const formatDateRange = (start: string, end: string): string =>
  start.slice(0, 4) === end.slice(0, 4)
    ? `${formatLocalDate(start)}–${describeLocalDate(end).label}`
    : `${formatLocalDate(start)}–${formatLocalDate(end)}`;

/** Millimetres of rain as the station reports them: `2` → `2.0`, `0.25` → `0.25`. */
export const formatMm = (mm: number): string => (Math.round(mm * 10) === mm * 10 ? mm.toFixed(1) : mm.toFixed(2));
