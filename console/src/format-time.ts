import { formatBeijingDateTime } from '@xiaoan/shared';

/** Times in the console are Beijing time, whatever the desk's clock says: 2026-12-04 13:05:09. */
export const formatTime = (iso: string): string => formatBeijingDateTime(new Date(iso));

/** "3 分 20 秒", "2 小时 5 分" — a duration for people. */
export const formatDuration = (seconds: number | null): string => {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} 秒`;
  if (s < 3600) return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  if (s < 86_400) return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
  return `${Math.floor(s / 86_400)} 天 ${Math.floor((s % 86_400) / 3600)} 小时`;
};
