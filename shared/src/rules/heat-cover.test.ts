import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatCover, isCoveredDay, type HeatCoverTerms } from './heat-cover.js';

const heat37 = (overrides: Partial<HeatCoverTerms> = {}): HeatCoverTerms => ({
  seasonStart: '06-21',
  seasonEnd: '08-31',
  waitingPeriodDays: 3,
  ...overrides,
});

const boughtAt = (iso: string) => heatCover({ purchasedAt: new Date(iso), seasonYear: 2026, terms: heat37() });

test('cover starts on the third day after the Beijing purchase date and ends with the season', () => {
  const cover = boughtAt('2026-07-01T10:00:00+08:00');
  assert.equal(cover.purchaseDate, '2026-07-01');
  assert.equal(cover.start, '2026-07-04');
  assert.equal(cover.end, '2026-08-31');
  assert.equal(cover.coveredDays, 59);
});

test('the waiting period counts Beijing days: a purchase at 23:59 and at 00:00 the next day differ by one day', () => {
  assert.equal(boughtAt('2026-07-01T23:59:59+08:00').start, '2026-07-04');
  assert.equal(boughtAt('2026-07-02T00:00:00+08:00').start, '2026-07-05');
  assert.equal(boughtAt('2026-07-01T16:30:00Z').start, '2026-07-05', '16:30 UTC is already the 2nd in Beijing');
});

test('a reading counts only from the cover start: the purchase day and the two days after never do', () => {
  const cover = boughtAt('2026-07-01T08:00:00+08:00');
  assert.equal(isCoveredDay(cover, '2026-07-01'), false);
  assert.equal(isCoveredDay(cover, '2026-07-02'), false);
  assert.equal(isCoveredDay(cover, '2026-07-03'), false);
  assert.equal(isCoveredDay(cover, '2026-07-04'), true);
  assert.equal(isCoveredDay(cover, '2026-08-31'), true);
  assert.equal(isCoveredDay(cover, '2026-09-01'), false, 'after the season');
});

test('bought well before the season, cover starts with the season', () => {
  const cover = boughtAt('2026-05-20T12:00:00+08:00');
  assert.equal(cover.start, '2026-06-21');
  assert.equal(cover.coveredDays, 72);
  assert.equal(isCoveredDay(cover, '2026-06-20'), false, 'the day before the season');
});

test('bought just before the season, the waiting period still runs into it', () => {
  assert.equal(boughtAt('2026-06-19T12:00:00+08:00').start, '2026-06-22');
  assert.equal(boughtAt('2026-06-18T12:00:00+08:00').start, '2026-06-21');
});

test('no cover is left when the waiting period outlasts the season', () => {
  assert.equal(boughtAt('2026-08-28T12:00:00+08:00').coveredDays, 1);
  assert.equal(boughtAt('2026-08-29T12:00:00+08:00').coveredDays, 0);
});

test('a version without a waiting period covers the purchase day itself', () => {
  const cover = heatCover({
    purchasedAt: new Date('2026-07-01T10:00:00+08:00'),
    seasonYear: 2026,
    terms: heat37({ waitingPeriodDays: 0 }),
  });
  assert.equal(cover.start, '2026-07-01');
});
