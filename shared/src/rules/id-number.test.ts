import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idNumberCheckChar, idNumberProblem, isValidIdNumber, maskIdNumber, maskName, maskPhone } from './id-number.js';

const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);

test('accepts ID numbers whose check character matches, including X', () => {
  assert.ok(isValidIdNumber('11010519491231002X'));
  assert.ok(isValidIdNumber(withCheck('44030419900307123')));
  assert.ok(isValidIdNumber('11010519491231002x'), 'lower-case x is the same character');
});

test('names what is wrong with an invalid ID number', () => {
  assert.equal(idNumberProblem('11010519491231002'), 'format');
  assert.equal(idNumberProblem('110105194912310021'), 'checksum');
  assert.equal(idNumberProblem(withCheck('01010519491231002')), 'region');
  assert.equal(idNumberProblem(withCheck('11010519490231002')), 'birth_date', 'February 31st');
  assert.equal(
    idNumberProblem(withCheck('11010520990101002'), new Date('2026-11-27')),
    'birth_date',
    'born in the future',
  );
});

test('masks personal data for display', () => {
  assert.equal(maskIdNumber('11010519491231002X'), '1101**********002X');
  assert.equal(maskName('张三丰'), '张*丰');
  assert.equal(maskName('李四'), '李*');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskPhone('13812345678'), '138****5678');
});
