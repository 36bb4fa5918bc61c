import assert from 'node:assert/strict';
import { test } from 'node:test';
import { abilityFromPackedRules, mayAccess } from './staff-ability.js';

test('an admin (manage all) may open every page', () => {
  const ability = abilityFromPackedRules([['manage', 'all']]);
  assert.equal(mayAccess(ability, 'list', 'StaffUser'), true);
  assert.equal(mayAccess(ability, 'reveal', 'Customer'), true);
});

test('marketing may not open the staff or audit pages but sees the home page', () => {
  const ability = abilityFromPackedRules([
    ['read', 'ProductVersion'],
    ['manage', 'Campaign'],
  ]);
  assert.equal(mayAccess(ability, 'list', 'StaffUser'), false);
  assert.equal(mayAccess(ability, 'list', 'AuditLog'), false);
  assert.equal(mayAccess(ability, 'list', 'Campaign'), true);
  assert.equal(mayAccess(ability, 'list', undefined), true);
});

test('refine page actions map to the policy words (edit → update, show → read)', () => {
  const ability = abilityFromPackedRules([['read,decide', 'Claim']]);
  assert.equal(mayAccess(ability, 'show', 'Claim'), true);
  assert.equal(mayAccess(ability, 'decide', 'Claim'), true);
  assert.equal(mayAccess(ability, 'edit', 'Claim'), false);
});
