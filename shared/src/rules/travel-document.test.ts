import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageOnDate, documentIndexKey, isValidDocumentNumber, maskDocumentNumber } from './travel-document.js';
import { insuredSchema } from '../contracts/order.contract.js';

test('checks each document by its own format; only the 身份证 has a check character', () => {
  assert.ok(isValidDocumentNumber('passport', 'e1234 5678'));
  assert.ok(isValidDocumentNumber('passport', 'X9876543'));
  assert.equal(isValidDocumentNumber('passport', 'E1234-5678'), false);
  assert.ok(isValidDocumentNumber('hk_macao_permit', 'H12345678'));
  assert.ok(isValidDocumentNumber('hk_macao_permit', 'M1234567890'));
  assert.equal(isValidDocumentNumber('hk_macao_permit', 'A12345678'), false);
  assert.ok(isValidDocumentNumber('taiwan_permit', '12345678'));
  assert.equal(isValidDocumentNumber('taiwan_permit', '1234567'), false);
  assert.ok(isValidDocumentNumber('id_card', '11010519491231002X'));
  assert.equal(isValidDocumentNumber('id_card', '110105194912310021'), false);
});

test('ages are counted in full years on the given date', () => {
  assert.equal(ageOnDate('11010520081205001X', '2026-12-04'), 17);
  assert.equal(ageOnDate('11010520081205001X', '2026-12-05'), 18);
});

test('a passport number never shares a blind-index key with an ID number, and is masked harder', () => {
  assert.notEqual(documentIndexKey('passport', '12345678'), documentIndexKey('taiwan_permit', '12345678'));
  assert.equal(maskDocumentNumber('passport', 'E12345678'), 'E*****678');
  assert.equal(maskDocumentNumber('id_card', '11010519491231002X'), '1101**********002X');
});

test('the insured form accepts a name as on the passport and defaults to a 身份证 for oneself', () => {
  const parsed = insuredSchema.parse({
    name: 'SMITH JOHN',
    idType: 'passport',
    idNumber: 'e1234 5678',
    phone: '13812345678',
  });
  assert.equal(parsed.idNumber, 'E12345678');
  assert.equal(parsed.relationship, 'self');
  assert.equal(
    insuredSchema.parse({ name: '张三', idNumber: '11010519491231002x', phone: '13812345678' }).idType,
    'id_card',
  );
  assert.equal(
    insuredSchema.safeParse({ name: '张三', idType: 'passport', idNumber: '1', phone: '13812345678' }).success,
    false,
  );
});
