import type {
  CampaignDefinitionInput,
  StaffCampaign,
  StaffCampaignListResponse,
  StaffCampaignReview,
  StaffCampaignVersionList,
} from '@xiaoan/shared';
import { apiClient, STAFF_API } from '../../api/api-client.js';

/** A reward held for review (WeChat rated the user's risk high, or could not be asked). */
export interface HeldReward {
  id: string;
  campaignId: string;
  kind: 'cash' | 'points';
  amountFen: number;
  points: number;
  status: string;
  riskRank: number | null;
  beneficiaryId: string;
  inviteeId: string;
  createdAt: string;
}

const campaignUrl = (id: string) => `${STAFF_API}/campaigns/${encodeURIComponent(id)}`;

/** The campaign pages' calls to the BFF; the BFF decides who may do what, the console only hides. */
export const campaignApi = {
  list: () => apiClient.request<StaffCampaignListResponse>(`${STAFF_API}/campaigns`, { query: { limit: 200 } }),
  get: (id: string) => apiClient.request<StaffCampaign>(campaignUrl(id)),
  versions: (id: string) => apiClient.request<StaffCampaignVersionList>(`${campaignUrl(id)}/versions`),
  create: (definition: CampaignDefinitionInput) =>
    apiClient.request<StaffCampaign>(`${STAFF_API}/campaigns`, { method: 'POST', body: definition }),
  update: (id: string, definition: CampaignDefinitionInput) =>
    apiClient.request<StaffCampaign>(campaignUrl(id), { method: 'PUT', body: definition }),
  submit: (id: string) => apiClient.request<StaffCampaign>(`${campaignUrl(id)}/submit`, { method: 'POST' }),
  review: (id: string, review: StaffCampaignReview) =>
    apiClient.request<StaffCampaign>(`${campaignUrl(id)}/review`, { method: 'POST', body: review }),
  changeStatus: (id: string, move: 'pause' | 'resume' | 'end') =>
    apiClient.request<StaffCampaign>(`${campaignUrl(id)}/${move}`, { method: 'POST' }),
  heldRewards: () =>
    apiClient.request<{ items: HeldReward[] }>(`${STAFF_API}/campaign-rewards/review`, { query: { limit: 200 } }),
  reviewReward: (id: string, review: StaffCampaignReview) =>
    apiClient.request<HeldReward>(`${STAFF_API}/campaign-rewards/${encodeURIComponent(id)}/review`, {
      method: 'POST',
      body: review,
    }),
};
