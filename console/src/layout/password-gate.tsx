import { useGetIdentity } from '@refinedev/core';
import type { StaffMember } from '@xiaoan/shared';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PASSWORD_PATH } from '../providers/auth-provider.js';

/** A member on a one-time password sees only the password page until they set their own (the BFF refuses the rest anyway). */
export function PasswordGate({ children }: { children: ReactNode }) {
  const { data: member } = useGetIdentity<StaffMember>();
  const { pathname } = useLocation();
  if (member?.mustChangePassword && pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  return <>{children}</>;
}
