import { BEIJING_UTC_OFFSET_MINUTES } from '@xiaoan/shared';

/** Times in the console are Beijing time, whatever the desk's clock says: 2026-12-04 13:05:09. */
export const formatTime = (iso: string): string =>
  new Date(Date.parse(iso) + BEIJING_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 19).replace('T', ' ');
