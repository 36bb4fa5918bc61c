import { createMongoAbility, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type { PackedStaffRules, StaffAction, StaffSubject } from '@xiaoan/shared';

/** What the signed-in member may do, built from the rules the BFF sent (`GET /api/v1/staff/me`). */
export type StaffAbility = MongoAbility<[StaffAction, StaffSubject]>;

export const abilityFromPackedRules = (rules: PackedStaffRules): StaffAbility =>
  createMongoAbility<[StaffAction, StaffSubject]>(unpackRules(rules as PackRule<RawRuleOf<StaffAbility>>[]));

/** refine's page actions, in the policy's words. Other actions (`decide`, `reveal`, …) are the policy's own. */
const REFINE_ACTIONS: Record<string, StaffAction> = {
  list: 'read',
  show: 'read',
  create: 'create',
  clone: 'create',
  edit: 'update',
};

export const staffActionOf = (action: string): StaffAction => REFINE_ACTIONS[action] ?? (action as StaffAction);

/**
 * Whether the member may do `action` on a console resource. A resource without a subject (the
 * home page) is open to every member; the BFF decides again on every request, this only hides.
 */
export const mayAccess = (ability: StaffAbility, action: string, subject: StaffSubject | undefined): boolean =>
  subject === undefined || ability.can(staffActionOf(action), subject);
