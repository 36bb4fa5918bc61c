import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSaleStatus, type HeatSaleStatus } from './heat-sale-window.js';
import type { HeatCoverTerms } from './heat-cover.js';

const HEAT37: HeatCoverTerms = { seasonStart: '06-21', seasonEnd: '08-31', waitingPeriodDays: 3 };
const statusAt = (iso: string) => heatSaleStatus({ purchasedAt: new Date(iso), seasonYear: 2026, terms: HEAT37 });
const closedReason = (status: HeatSaleStatus) => (status.open ? null : status.reason);

test('sells before and during the season', () => {
  assert.equal(closedReason(statusAt('2026-05-01T09:00:00+08:00')), null);
  assert.equal(closedReason(statusAt('2026-07-15T09:00:00+08:00')), null);
});

test('the last sale day is the season end minus the waiting period, leaving one covered day', () => {
  const last = statusAt('2026-08-28T23:59:59+08:00');
  assert.equal(closedReason(last), null);
  assert.equal(last.lastSaleDate, '2026-08-28');
  assert.equal(last.cover.start, '2026-08-31');
  assert.equal(closedReason(statusAt('2026-08-29T00:00:00+08:00')), 'NO_COVER_LEFT');
  assert.equal(closedReason(statusAt('2026-08-31T23:59:59+08:00')), 'NO_COVER_LEFT');
});

test('stops selling once the season is over', () => {
  assert.equal(closedReason(statusAt('2026-09-01T00:00:00+08:00')), 'SEASON_OVER');
});
