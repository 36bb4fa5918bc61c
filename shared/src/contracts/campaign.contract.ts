import { z } from 'zod';

/**
 * Share-and-win campaigns (issue 12). The definition accepts every trigger and reward kind marketing
 * might ask for, including the ones the law forbids, so that the compliance check
 * (`rules/campaign-compliance.ts`) can refuse them by name instead of a bare validation error.
 */

/** What the invited friend (or, for a helper campaign, the helpers) must do for a reward. */
export const campaignTriggerSchema = z.enum([
  // Allowed: the friend's own, real, non-purchase participation, checked on the server (a bare
  // login is not offered: it proves nothing a fake account could not do).
  'friend_read_terms',
  'friend_enable_claim_reminders',
  'helpers_reached',
  // Forbidden (保险法 116): anything tied to buying.
  'friend_purchase',
  'friend_payment',
  'friend_policy_issued',
  // Forbidden (微信 运营规范 §5.1): rewarding the share itself or a mere open.
  'share',
  'share_to_moments',
  'card_opened',
]);
export type CampaignTrigger = z.infer<typeof campaignTriggerSchema>;

/** Triggers a customer's own action can report (`POST /api/v1/campaigns/actions`). */
export const campaignActionSchema = z.enum(['friend_read_terms', 'friend_enable_claim_reminders']);
export type CampaignAction = z.infer<typeof campaignActionSchema>;

export const campaignRewardKindSchema = z.enum([
  // Allowed: a fixed, stated cash red packet (transfer bill, marketing scene) or points.
  'cash',
  'points',
  // Forbidden: random or undisclosed outcomes.
  'lottery',
  'random_cash',
  // Forbidden (保险法 116): benefits outside the contract.
  'premium_rebate',
  'premium_coupon',
  'free_policy',
]);
export type CampaignRewardKind = z.infer<typeof campaignRewardKindSchema>;

export const campaignRewardRuleSchema = z.object({
  trigger: campaignTriggerSchema,
  /** Who receives the reward: the inviter (sharer) or the invited friend. */
  beneficiary: z.enum(['inviter', 'friend']).default('inviter'),
  /** 助力: how many helpers must act; required (and fixed) for `helpers_reached`. */
  helperCount: z.number().int().min(1).max(50).optional(),
  /**
   * 助力: what each helper must do themselves for their help to count (a new friend who logged in
   * through the sharer's code, then this action); required for `helpers_reached`. Accepts every
   * trigger so that the compliance check can refuse a purchase or a share by name.
   */
  helperAction: campaignTriggerSchema.optional(),
  product: z.string().trim().max(32).optional(),
  reward: z.object({
    kind: campaignRewardKindSchema,
    /** Cash: fen (≥ 10, WeChat's minimum transfer). Fixed: the same for everyone. */
    amountFen: z.number().int().min(0).max(20_000).optional(),
    points: z.number().int().min(0).max(100_000).optional(),
  }),
});
export type CampaignRewardRule = z.infer<typeof campaignRewardRuleSchema>;

/**
 * Anti-fraud caps, each counted in the grant's transaction by a guarded upsert. "User" is the
 * beneficiary; IP and device are the acting friend's; an ID number is any the beneficiary has
 * entered (its blind index), so several WeChat accounts of one person share one allowance.
 */
export const CAMPAIGN_CAP_DEFAULTS = {
  perUserPerDay: 3,
  perUserPerCampaign: 20,
  perIpPerDay: 10,
  perIpPerCampaign: 50,
  perDevicePerDay: 3,
  perDevicePerCampaign: 10,
  perIdNumberPerDay: 3,
  perIdNumberPerCampaign: 20,
  perCampaignPerDay: 1000,
} as const;
export const campaignCapsSchema = z.object({
  perUserPerDay: z.number().int().min(1).max(100).default(CAMPAIGN_CAP_DEFAULTS.perUserPerDay),
  perUserPerCampaign: z.number().int().min(1).max(10_000).default(CAMPAIGN_CAP_DEFAULTS.perUserPerCampaign),
  perIpPerDay: z.number().int().min(1).max(1000).default(CAMPAIGN_CAP_DEFAULTS.perIpPerDay),
  perIpPerCampaign: z.number().int().min(1).max(100_000).default(CAMPAIGN_CAP_DEFAULTS.perIpPerCampaign),
  perDevicePerDay: z.number().int().min(1).max(1000).default(CAMPAIGN_CAP_DEFAULTS.perDevicePerDay),
  perDevicePerCampaign: z.number().int().min(1).max(100_000).default(CAMPAIGN_CAP_DEFAULTS.perDevicePerCampaign),
  perIdNumberPerDay: z.number().int().min(1).max(100).default(CAMPAIGN_CAP_DEFAULTS.perIdNumberPerDay),
  perIdNumberPerCampaign: z.number().int().min(1).max(10_000).default(CAMPAIGN_CAP_DEFAULTS.perIdNumberPerCampaign),
  perCampaignPerDay: z.number().int().min(1).max(1_000_000).default(CAMPAIGN_CAP_DEFAULTS.perCampaignPerDay),
});
export type CampaignCaps = z.infer<typeof campaignCapsSchema>;

/** What marketing writes (`POST/PUT /api/v1/staff/campaigns`). */
export const campaignDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(64),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  budgetFen: z.number().int().min(0).max(100_000_000),
  /** The full rules, shown to users before they join. */
  rulesText: z.string().max(5000),
  shareCard: z.object({
    title: z.string().max(64),
    imageUrl: z.string().max(512),
  }),
  rewardRules: z.array(campaignRewardRuleSchema).min(1).max(10),
  caps: campaignCapsSchema.default({ ...CAMPAIGN_CAP_DEFAULTS }),
  /** Days a granted reward is held (anti-fraud) before it can be collected. */
  pendingDays: z.number().int().min(0).max(30).default(3),
});
export type CampaignDefinition = z.infer<typeof campaignDefinitionSchema>;
export type CampaignDefinitionInput = z.input<typeof campaignDefinitionSchema>;

export const campaignStatusSchema = z.enum(['draft', 'in_review', 'published', 'paused', 'ended']);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const complianceViolationSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Where in the definition, e.g. `rewardRules[0].trigger`, `rulesText`. */
  field: z.string(),
});
export type ComplianceViolation = z.infer<typeof complianceViolationSchema>;

export const staffCampaignSchema = z.object({
  id: z.string(),
  status: campaignStatusSchema,
  version: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  definition: campaignDefinitionSchema,
  spentFen: z.number().int(),
  rejectionReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type StaffCampaign = z.infer<typeof staffCampaignSchema>;

export const staffCampaignListResponseSchema = z.object({ items: z.array(staffCampaignSchema) });
export type StaffCampaignListResponse = z.infer<typeof staffCampaignListResponseSchema>;

/** One archived (published) version: immutable, kept as the sales page users saw (可回溯). */
export const staffCampaignVersionSchema = z.object({
  version: z.number().int(),
  definition: campaignDefinitionSchema,
  submittedBy: z.string(),
  approvedBy: z.string(),
  publishedAt: z.string(),
});
export type StaffCampaignVersion = z.infer<typeof staffCampaignVersionSchema>;
export const staffCampaignVersionListSchema = z.object({ items: z.array(staffCampaignVersionSchema) });
export type StaffCampaignVersionList = z.infer<typeof staffCampaignVersionListSchema>;

export const staffCampaignReviewSchema = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(2).max(200),
});
export type StaffCampaignReview = z.infer<typeof staffCampaignReviewSchema>;

/** The customer's view: rules first. */
export const currentCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  rulesText: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  shareCard: z.object({ title: z.string(), imageUrl: z.string() }),
  rewardRules: z.array(campaignRewardRuleSchema),
  version: z.number().int(),
});
export type CurrentCampaign = z.infer<typeof currentCampaignSchema>;

export const myInviteSchema = z.object({
  inviteCode: z.string(),
  /** The mini-program path a share card carries. */
  sharePath: z.string(),
  /** H5: a copyable link carrying the same code. */
  h5Link: z.string().optional(),
  /** The invite poster (PNG with the mini-program code whose scene carries the code), made ahead of time. */
  posterUrl: z.string().optional(),
});
export type MyInvite = z.infer<typeof myInviteSchema>;

export const campaignRewardStatusSchema = z.enum(['review', 'pending', 'payable', 'paying', 'paid', 'rejected']);
export const myInvitesResponseSchema = z.object({
  invites: z.array(z.object({ boundAt: z.string(), friendMasked: z.string() })),
  rewards: z.array(
    z.object({
      id: z.string(),
      campaignId: z.string(),
      kind: z.enum(['cash', 'points']),
      amountFen: z.number().int(),
      points: z.number().int(),
      status: campaignRewardStatusSchema,
      payableAt: z.string(),
    }),
  ),
});
export type MyInvitesResponse = z.infer<typeof myInvitesResponseSchema>;

/** 助力 progress of the sharer: helpers counted so far against the stated number. */
export const myHelperProgressSchema = z.object({
  items: z.array(
    z.object({
      campaignId: z.string(),
      ruleIndex: z.number().int(),
      helperCount: z.number().int(),
      helped: z.number().int(),
      rewarded: z.boolean(),
    }),
  ),
});
export type MyHelperProgress = z.infer<typeof myHelperProgressSchema>;

/** The mini-program reports that a share card (or poster) was opened: attribution only, never a reward. */
export const cardOpenRequestSchema = z.object({
  inviteCode: z.string().trim().max(32),
  sharePath: z.string().trim().max(256).optional(),
  scene: z.number().int().min(0).max(100_000).optional(),
});
export type CardOpenRequest = z.infer<typeof cardOpenRequestSchema>;

/** Staff analytics of one campaign (marketing, admin). */
export const campaignAnalyticsSchema = z.object({
  campaignId: z.string(),
  name: z.string(),
  budgetFen: z.number().int(),
  spentFen: z.number().int(),
  window: z.object({ startsAt: z.string(), endsAt: z.string() }),
  funnel: z.object({
    cardOpens: z.number().int(),
    newUsersBound: z.number().int(),
    qualifiedActions: z.number().int(),
    rewardsGranted: z.number().int(),
    paid: z.number().int(),
  }),
  costByDay: z.array(
    z.object({
      day: z.string(),
      costFen: z.number().int(),
      cumulativeFen: z.number().int(),
      budgetFen: z.number().int(),
    }),
  ),
  topSharers: z.array(
    z.object({
      sharer: z.string(),
      opens: z.number().int(),
      invites: z.number().int(),
      rewards: z.number().int(),
      rewardFen: z.number().int(),
    }),
  ),
  kFactor: z.object({ sharers: z.number().int(), invitesPerSharer: z.number(), conversion: z.number(), k: z.number() }),
});
export type CampaignAnalytics = z.infer<typeof campaignAnalyticsSchema>;

export const campaignActionRequestSchema = z.object({
  action: campaignActionSchema,
  product: z.string().trim().max(32).optional(),
});
export type CampaignActionRequest = z.infer<typeof campaignActionRequestSchema>;
