import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyDocumentPath, policyVerifyWebUrl } from './policy.contract.js';

test('the e-policy path carries the policy number, escaped', () => {
  assert.equal(policyDocumentPath('P2026112700000123'), '/api/v1/policies/P2026112700000123/document');
  assert.equal(policyDocumentPath('../x'), '/api/v1/policies/..%2Fx/document');
});

test('the verify address opens the H5 保单验真 page with the number filled in, whatever the base’s trailing slash', () => {
  const expected = 'https://m.example.cn/#/packages/policy/verify/index?policyNo=P2026112700000123';
  assert.equal(policyVerifyWebUrl('https://m.example.cn', 'P2026112700000123'), expected);
  assert.equal(policyVerifyWebUrl('https://m.example.cn/', 'P2026112700000123'), expected);
});
