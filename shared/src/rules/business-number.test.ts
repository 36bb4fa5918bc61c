import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidBusinessNumber, makeBusinessNumber } from './business-number.js';

test('numbers carry the Beijing date, the sequence and a check digit', () => {
  // 2026-11-27 17:00 UTC is already the 28th in Beijing.
  const number = makeBusinessNumber('P', new Date('2026-11-27T17:00:00Z'), 42);
  assert.match(number, /^P261128000000042\d$/);
  assert.ok(isValidBusinessNumber(number, 'P'));
  assert.equal(isValidBusinessNumber(number, 'O'), false);
});

test('a mistyped digit or swapped neighbours fail the check', () => {
  const number = makeBusinessNumber('O', new Date('2026-11-27T00:00:00Z'), 123456);
  const typo = number.slice(0, 10) + ((Number(number[10]) + 1) % 10) + number.slice(11);
  assert.equal(isValidBusinessNumber(typo), false);
  const swapped = number.slice(0, 12) + number[13] + number[12] + number.slice(14);
  if (number[12] !== number[13]) assert.equal(isValidBusinessNumber(swapped), false);
  assert.equal(isValidBusinessNumber('hello'), false);
});
