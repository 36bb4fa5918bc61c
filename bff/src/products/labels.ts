/** `2027-07-01` → "7月1日", as order lines name a day. */
export const monthDayLabel = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
