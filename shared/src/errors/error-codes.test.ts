import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, httpStatusOf, isErrorCode } from './error-codes.js';

test('every code maps to an error status and carries a Chinese message', () => {
  for (const [code, spec] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[A-Z][A-Z0-9_]+$/);
    assert.ok(spec.httpStatus >= 400 && spec.httpStatus < 600, code);
    assert.match(spec.message, /[\u4e00-\u9fa5]/, `${code} has no Chinese message`);
  }
});

test('recognises only catalogue codes', () => {
  assert.ok(isErrorCode('VALIDATION_FAILED'));
  assert.equal(isErrorCode('toString'), false);
  assert.equal(isErrorCode('NOPE'), false);
  assert.equal(httpStatusOf('PRODUCT_NOT_FOUND'), 404);
});
