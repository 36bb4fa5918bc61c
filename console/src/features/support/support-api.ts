import type {
  CancelPolicyResponse,
  Customer360,
  CustomerSearchResponse,
  OperationsDashboard,
  ProductVersionList,
  ReofferPayoutResponse,
  RevealedIdentity,
  SalesReplay,
  StaffClaim,
  StaffClaimListResponse,
  WeatherReviewFlag,
  WeatherReviewFlagListResponse,
} from '@xiaoan/shared';
import { apiClient, STAFF_API, type QueryValue } from '../../api/api-client.js';
import { sessionTokenStore } from '../../api/session-store.js';
import { ApiError } from '../../api/api-error.js';

/** The support desk's calls to the BFF, typed by the shared contracts. */
export const supportApi = {
  searchCustomers: (query: Record<string, QueryValue>) =>
    apiClient.request<CustomerSearchResponse>(`${STAFF_API}/support/customers`, { query }),
  customer: (customerId: string) =>
    apiClient.request<Customer360>(`${STAFF_API}/support/customers/${encodeURIComponent(customerId)}`),
  reveal: (customerId: string, orderNo: string, reason: string) =>
    apiClient.request<RevealedIdentity>(`${STAFF_API}/support/customers/${encodeURIComponent(customerId)}/reveal`, {
      method: 'POST',
      body: { orderNo, reason },
    }),
  replay: (policyNo: string) =>
    apiClient.request<SalesReplay>(`${STAFF_API}/support/policies/${encodeURIComponent(policyNo)}/replay`),
  cancelPolicy: (policyNo: string, reason: string) =>
    apiClient.request<CancelPolicyResponse>(`${STAFF_API}/support/policies/${encodeURIComponent(policyNo)}/cancel`, {
      method: 'POST',
      body: { reason },
    }),
  reofferPayout: (claimId: string, attempt: number, reason: string) =>
    apiClient.request<ReofferPayoutResponse>(`${STAFF_API}/support/claims/${encodeURIComponent(claimId)}/reoffer`, {
      method: 'POST',
      body: { attempt, reason },
    }),
  manualClaims: () =>
    apiClient.request<StaffClaimListResponse>(`${STAFF_API}/claims`, {
      query: { status: 'manual_review', limit: 100 },
    }),
  decideClaim: (claimId: string, decision: 'approve' | 'reject', reason: string) =>
    apiClient.request<StaffClaim>(`${STAFF_API}/claims/${encodeURIComponent(claimId)}/decision`, {
      method: 'POST',
      body: { decision, reason },
    }),
  weatherFlags: (open: boolean) =>
    apiClient.request<WeatherReviewFlagListResponse>(`${STAFF_API}/weather-flags`, {
      query: { open: String(open), limit: 100 },
    }),
  resolveWeatherFlag: (id: string, resolution: string) =>
    apiClient.request<WeatherReviewFlag>(`${STAFF_API}/weather-flags/${encodeURIComponent(id)}/resolve`, {
      method: 'POST',
      body: { resolution },
    }),
  dashboard: () => apiClient.request<OperationsDashboard>(`${STAFF_API}/dashboard`),
  productVersions: () => apiClient.request<ProductVersionList>(`${STAFF_API}/dashboard/products`),
};

/**
 * The e-policy is a PDF behind the staff token: fetched with it and opened from memory in a new
 * tab (a plain link would carry no token).
 */
export const openPolicyDocument = async (documentPath: string): Promise<void> => {
  const token = sessionTokenStore.get();
  const response = await fetch(documentPath, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const envelope = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError({
      statusCode: response.status,
      code: envelope.code ?? 'INTERNAL_ERROR',
      message: envelope.message ?? '电子保单暂时无法打开',
    });
  }
  const url = URL.createObjectURL(await response.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
