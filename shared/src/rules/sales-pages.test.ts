import { test } from 'node:test';
import assert from 'node:assert/strict';
import { salesPageOf } from './sales-pages.js';

test('names a trail page by its human name, whether recorded as the mini-program code or the page path', () => {
  assert.deepEqual(salesPageOf('product:FD120'), { name: '产品页', shows: ['summary', 'exclusions', 'clauses'] });
  assert.deepEqual(salesPageOf('packages/buy/product/index'), {
    name: '产品页',
    shows: ['summary', 'exclusions', 'clauses'],
  });
  assert.equal(salesPageOf('insured').name, '填写投保信息');
  assert.equal(salesPageOf('packages/buy/insured/index').name, '填写投保信息');
  assert.equal(salesPageOf('flight').name, '选择航班');
  assert.equal(salesPageOf('pay').name, '确认支付');
});

test('never echoes an unknown page code', () => {
  assert.deepEqual(salesPageOf('packages/unknown/x/index'), { name: '其他页面', shows: [] });
  assert.deepEqual(salesPageOf(''), { name: '其他页面', shows: [] });
});
