import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalisePhone } from './phone-number.js';

test('one spelling of a mobile number whatever the separators or country prefix', () => {
  for (const raw of ['13812345678', '138 1234 5678', '+86 138-1234-5678', '0086(138)12345678', ' 13812345678 ']) {
    assert.equal(normalisePhone(raw), '13812345678');
  }
});

test('leaves what is not a number recognisable, so it never collides with a real one', () => {
  assert.equal(normalisePhone('abc'), 'abc');
  assert.notEqual(normalisePhone('1381234567x'), '13812345678');
});
