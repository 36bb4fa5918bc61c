const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * `2025-06-21T00:00:00Z` → `2025年6月21日`, as a calendar day in Asia/Shanghai.
 * China has no daylight saving, so a fixed +08:00 is exact; it also avoids relying on
 * `Intl` time-zone data, which some WeChat JS engines lack.
 */
export const formatShanghaiDate = (iso: string): string => {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const local = new Date(time + SHANGHAI_OFFSET_MS);
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
};
