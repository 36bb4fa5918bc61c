import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ceilToFen, ceilToYuan, formatCny, formatCnyShort, formatYuan, yuanToFen } from './money.js';

test('shows fen as yuan with two decimals', () => {
  assert.equal(formatYuan(2500), '25.00');
  assert.equal(formatYuan(5), '0.05');
  assert.equal(formatYuan(0), '0.00');
  assert.equal(formatYuan(-1050), '-10.50');
  assert.equal(formatCny(12345), '¥123.45');
  assert.equal(formatCny(-5), '-¥0.05');
});

test('short price drops the decimals only for whole yuan', () => {
  assert.equal(formatCnyShort(2500), '¥25');
  assert.equal(formatCnyShort(2550), '¥25.50');
});

test('refuses amounts that are not whole fen', () => {
  assert.throws(() => formatYuan(1.5), RangeError);
  assert.throws(() => yuanToFen(1.234), RangeError);
});

test('converts yuan to fen without float drift', () => {
  assert.equal(yuanToFen(19.99), 1999);
  assert.equal(yuanToFen(0.1 + 0.2), 30);
  assert.equal(yuanToFen(100), 10000);
});

test('premiums round up to whole yuan, and float noise does not add a yuan', () => {
  assert.equal(ceilToYuan(2401), 2500);
  assert.equal(ceilToYuan(2500), 2500);
  assert.equal(ceilToYuan(2500.0000000003), 2500);
  assert.equal(ceilToYuan(0.2), 100);
  assert.equal(ceilToFen(153.2), 154);
  assert.equal(ceilToFen(153.0000000001), 153);
});
