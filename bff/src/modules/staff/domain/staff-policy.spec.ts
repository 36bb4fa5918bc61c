import { describe, expect, it } from '@jest/globals';
import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { abilityFor, packedRulesFor } from './staff-policy.js';

describe('the staff policy', () => {
  it('lets an admin do everything, including staff accounts and the audit log', () => {
    const admin = abilityFor(['admin']);
    expect(admin.can('create', 'StaffUser')).toBe(true);
    expect(admin.can('read', 'AuditLog')).toBe(true);
    expect(admin.can('decide', 'Claim')).toBe(true);
  });

  it('lets support decide claims and reveal customers, but not manage staff, read the audit log or publish campaigns', () => {
    const support = abilityFor(['support']);
    expect(support.can('decide', 'Claim')).toBe(true);
    expect(support.can('reveal', 'Customer')).toBe(true);
    expect(support.can('read', 'StaffUser')).toBe(false);
    expect(support.can('read', 'AuditLog')).toBe(false);
    expect(support.can('publish', 'Campaign')).toBe(false);
  });

  it('keeps marketing away from customers and claims', () => {
    const marketing = abilityFor(['marketing']);
    expect(marketing.can('update', 'Campaign')).toBe(true);
    // Marketing drafts and submits; approving (publishing) a campaign is an admin's decision.
    expect(marketing.can('publish', 'Campaign')).toBe(false);
    expect(marketing.can('read', 'Customer')).toBe(false);
    expect(marketing.can('read', 'Claim')).toBe(false);
    expect(marketing.can('read', 'Dashboard')).toBe(false);
  });

  it('gives a member with several roles what any of them allows', () => {
    const both = abilityFor(['marketing', 'support']);
    expect(both.can('create', 'Campaign')).toBe(true);
    expect(both.can('decide', 'Claim')).toBe(true);
    expect(both.can('create', 'StaffUser')).toBe(false);
  });

  it('sends the console rules that decide exactly as the BFF does', () => {
    const console = createMongoAbility(unpackRules(packedRulesFor(['support']) as PackRule<RawRuleOf<MongoAbility>>[]));
    expect(console.can('decide', 'Claim')).toBe(true);
    expect(console.can('read', 'AuditLog')).toBe(false);
  });
});
