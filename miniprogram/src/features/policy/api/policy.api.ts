import {
  cancelPolicyPath,
  policyDetailSchema,
  policyListResponseSchema,
  policyVerificationSchema,
  type PolicyDetail,
  type PolicySummary,
  type PolicyVerification,
} from '@xiaoan/shared';
import { request } from '../../../services/http';

export const fetchMyPolicies = async (): Promise<PolicySummary[]> => {
  const body = await request(policyListResponseSchema, '/api/v1/policies', { auth: true });
  return body.items;
};

export const fetchPolicy = (policyNo: string): Promise<PolicyDetail> =>
  request(policyDetailSchema, `/api/v1/policies/${encodeURIComponent(policyNo)}`, { auth: true });

/** 保单验真: public, no login. 404 `POLICY_NOT_FOUND` when the pair does not match a policy. */
export const verifyPolicy = (policyNo: string, insuredName: string): Promise<PolicyVerification> =>
  request(policyVerificationSchema, '/api/v1/policies/verify', { data: { policyNo, insuredName } });

/** 退保 before cover starts: answers the policy as it now is (cancelled, with its refund). Idempotent. */
export const cancelPolicy = (policyNo: string): Promise<PolicyDetail> =>
  request(policyDetailSchema, cancelPolicyPath(policyNo), { method: 'POST', data: {}, auth: true });
