import {
  collectClaimResponseSchema,
  currentCampaignSchema,
  myInviteSchema,
  myInvitesResponseSchema,
  type CollectClaimResponse,
  type CurrentCampaign,
  type MyInvitesResponse,
} from '@xiaoan/shared';
import { z } from 'zod';
import { isApiError } from '../../services/api-error';
import { request } from '../../services/http';

/**
 * My invite code, and when the BFF offers them a ready poster image and an H5 link carrying the
 * same code (optional: shown only when present).
 */
const myInviteWithExtrasSchema = myInviteSchema.extend({
  posterUrl: z.string().min(1).optional(),
  h5Link: z.string().min(1).optional(),
});
export type MyInviteWithExtras = z.infer<typeof myInviteWithExtrasSchema>;
export type CampaignReward = MyInvitesResponse['rewards'][number];

/** The live campaign as published (rules first), or null when none is running. Public: no login. */
export const fetchCurrentCampaign = async (): Promise<CurrentCampaign | null> => {
  try {
    return await request(currentCampaignSchema, '/api/v1/campaigns/current');
  } catch (error) {
    if (isApiError(error) && error.code === 'CAMPAIGN_NONE_ACTIVE') return null;
    throw error;
  }
};

export const fetchMyInvite = (): Promise<MyInviteWithExtras> =>
  request(myInviteWithExtrasSchema, '/api/v1/campaigns/me/invite', { auth: true });

export const fetchMyInvites = (): Promise<MyInvitesResponse> =>
  request(myInvitesResponseSchema, '/api/v1/campaigns/me/invites', { auth: true });

/** 领红包: the reward's transfer bill (marketing scene); 409 CAMPAIGN_REWARD_NOT_COLLECTABLE when not payable. */
export const collectReward = (rewardId: string): Promise<CollectClaimResponse> =>
  request(collectClaimResponseSchema, `/api/v1/campaigns/rewards/${encodeURIComponent(rewardId)}/collect`, {
    method: 'POST',
    data: {},
    auth: true,
  });
