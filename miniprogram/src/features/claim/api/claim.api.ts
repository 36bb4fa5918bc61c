import {
  claimDetailSchema,
  claimListResponseSchema,
  collectClaimResponseSchema,
  type ClaimDetail,
  type ClaimSummary,
  type CollectClaimResponse,
} from '@xiaoan/shared';
import { request } from '../../../services/http';

/** The customer's claims, newest first as the BFF sends them. */
export const fetchMyClaims = async (): Promise<ClaimSummary[]> => {
  const body = await request(claimListResponseSchema, '/api/v1/claims', { auth: true });
  return body.items;
};

/** 404 `CLAIM_NOT_FOUND` when the claim is not the customer's. */
export const fetchClaim = (claimId: string): Promise<ClaimDetail> =>
  request(claimDetailSchema, `/api/v1/claims/${encodeURIComponent(claimId)}`, { auth: true });

/**
 * Creates (or re-creates, same bill number) the transfer bill and returns what
 * `wx.requestMerchantTransfer` needs. 409 `CLAIM_NOT_COLLECTABLE`, 503 `PAYOUT_BUSY` (try later).
 */
export const collectClaim = (claimId: string): Promise<CollectClaimResponse> =>
  request(collectClaimResponseSchema, `/api/v1/claims/${encodeURIComponent(claimId)}/collect`, {
    method: 'POST',
    data: {},
    auth: true,
  });
