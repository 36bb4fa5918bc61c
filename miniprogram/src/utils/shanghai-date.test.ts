import { describe, expect, it } from '@jest/globals';
import { addDays, describeLocalDate, formatShanghaiDateTime, shanghaiDayDiff, shanghaiToday } from './shanghai-date';

describe('dates on the mini-program read in Beijing time', () => {
  it('turns the day at 16:00 UTC', () => {
    expect(shanghaiToday(Date.parse('2026-07-01T15:59:59Z'))).toBe('2026-07-01');
    expect(shanghaiToday(Date.parse('2026-07-01T16:00:00Z'))).toBe('2026-07-02');
  });

  it('counts a landing after Beijing midnight as the next day', () => {
    expect(shanghaiDayDiff('2026-07-01T14:00:00Z', '2026-07-01T16:30:00Z')).toBe(1);
    expect(shanghaiDayDiff('2026-07-01T00:00:00Z', '2026-07-01T15:00:00Z')).toBe(0);
    expect(shanghaiDayDiff('not a time', '2026-07-01T15:00:00Z')).toBeNaN();
  });

  it('shows date and time as a Beijing clock does', () => {
    expect(formatShanghaiDateTime('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
  });

  it('moves and names calendar days across month, leap day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(describeLocalDate('2025-06-21')).toEqual({ label: '6月21日', weekday: '周六' });
    expect(describeLocalDate('2027-01-03')).toEqual({ label: '1月3日', weekday: '周日' });
  });
});
