import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import type { PackedStaffRules, StaffAction, StaffRole, StaffSubject } from '@xiaoan/shared';

export type StaffAbility = MongoAbility<[StaffAction, StaffSubject]>;
type StaffRule = RawRuleOf<StaffAbility>;

/**
 * THE staff policy: what each role may do. Every staff route names the (action, subject) it needs
 * (`@StaffCan`), the guard asks the member's ability built from this table, and the console hides
 * what the same ability refuses. A member with several roles may do what any of them may.
 * Add a subject's rules here when adding its routes; nothing else decides.
 */
export const STAFF_POLICY: Readonly<Record<StaffRole, readonly StaffRule[]>> = {
  admin: [{ action: 'manage', subject: 'all' }],
  support: [
    { action: ['read', 'decide'], subject: 'Claim' },
    { action: ['read', 'resolve'], subject: 'WeatherFlag' },
    { action: ['read', 'reveal'], subject: 'Customer' },
    { action: ['read', 'refund'], subject: 'Order' },
    { action: ['read', 'cancel'], subject: 'Policy' },
    { action: ['read', 'reoffer'], subject: 'Payout' },
    { action: 'read', subject: 'SalesTrail' },
    { action: 'read', subject: 'ProductVersion' },
    { action: ['read', 'reply', 'update'], subject: 'Conversation' },
    { action: ['read', 'create', 'update'], subject: 'Complaint' },
    { action: 'read', subject: 'CannedReply' },
    { action: ['read', 'update'], subject: 'Pricing' },
  ],
  marketing: [
    { action: 'read', subject: 'ProductVersion' },
    // Marketing drafts and submits; only an admin approves (publishes), pauses, resumes or ends.
    { action: ['read', 'create', 'update'], subject: 'Campaign' },
  ],
};

export const rulesFor = (roles: readonly StaffRole[]): StaffRule[] => roles.flatMap((role) => STAFF_POLICY[role] ?? []);

const cache = new Map<string, StaffAbility>();

/** The member's ability (memoised per set of roles: there are only seven). */
export const abilityFor = (roles: readonly StaffRole[]): StaffAbility => {
  const key = [...roles].sort().join(',');
  let ability = cache.get(key);
  if (!ability) {
    ability = createMongoAbility<[StaffAction, StaffSubject]>(rulesFor(roles));
    cache.set(key, ability);
  }
  return ability;
};

/** The rules in `packRules` form, as `GET /api/v1/staff/me` sends them to the console. */
export const packedRulesFor = (roles: readonly StaffRole[]): PackedStaffRules =>
  packRules(rulesFor(roles)) as PackedStaffRules;
