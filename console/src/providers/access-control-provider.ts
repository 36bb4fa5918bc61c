import type { AccessControlProvider } from '@refinedev/core';
import type { StaffSubject } from '@xiaoan/shared';
import { mayAccess } from '../access/staff-ability.js';
import { staffSession, type StaffSession } from '../access/staff-session.js';
import { subjectOfResource } from '../resources.js';

/**
 * Hides menu items, pages and buttons the member's roles do not allow, from the same rules the BFF
 * enforces (`GET /api/v1/staff/me`). A resource names its subject in `meta.subject`.
 */
export const createAccessControlProvider = (session: StaffSession = staffSession): AccessControlProvider => ({
  can: async ({ resource, action, params }) => {
    const signedIn = await session.load();
    if (!signedIn) return { can: false, reason: '请先登录' };
    const subject =
      (params?.resource?.meta as { subject?: StaffSubject } | undefined)?.subject ?? subjectOfResource(resource);
    return mayAccess(signedIn.ability, action, subject) ? { can: true } : { can: false, reason: '当前岗位无权访问' };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
});
