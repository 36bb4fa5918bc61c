import type {
  CampaignDefinition,
  CampaignDefinitionInput,
  CampaignRewardKind,
  CampaignStatus,
  CampaignTrigger,
  ComplianceViolation,
} from '@xiaoan/shared';

/** Campaign words the console shows (never the codes). */
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  in_review: { text: '待审核', color: 'processing' },
  published: { text: '已发布', color: 'success' },
  paused: { text: '已暂停', color: 'warning' },
  ended: { text: '已结束', color: 'default' },
};

export const TRIGGER_LABELS: Record<CampaignTrigger, string> = {
  friend_read_terms: '好友登录后阅读任一产品的保险条款',
  friend_enable_claim_reminders: '好友登录后开启理赔提醒',
  helpers_reached: '助力人数达到固定数量',
  friend_purchase: '好友购买保险',
  friend_payment: '好友完成支付',
  friend_policy_issued: '好友出单',
  share: '分享本身',
  share_to_moments: '分享到朋友圈',
  card_opened: '好友打开分享卡片',
};

/** What marketing may pick: the friend's own, real, non-purchase participation. */
export const ALLOWED_TRIGGERS: CampaignTrigger[] = ['friend_read_terms', 'friend_enable_claim_reminders'];
/**
 * Listed apart and marked: the law and WeChat forbid them, and the compliance check refuses them
 * at submit, naming the rule (marketing sees why, rather than a missing option).
 */
export const FORBIDDEN_TRIGGERS: CampaignTrigger[] = [
  'friend_purchase',
  'friend_payment',
  'friend_policy_issued',
  'share',
  'share_to_moments',
  'card_opened',
];

export const REWARD_KIND_LABELS: Partial<Record<CampaignRewardKind, string>> & Record<'cash' | 'points', string> = {
  cash: '固定金额现金红包',
  points: '固定积分',
  lottery: '抽奖',
  random_cash: '随机金额红包',
  premium_rebate: '返还保费',
  premium_coupon: '保费优惠券',
  free_policy: '赠送保险',
};

export const BENEFICIARY_LABELS = { inviter: '邀请人', friend: '受邀好友' } as const;

export interface RewardRuleForm {
  trigger: CampaignTrigger;
  beneficiary: 'inviter' | 'friend';
  kind: 'cash' | 'points';
  /** Cash in yuan as typed (stored in fen). */
  amountYuan?: number | null;
  points?: number | null;
}

/** The form's values: yuan where a person types money, an ISO pair for the window. */
export interface CampaignFormValues {
  name: string;
  window: [string, string];
  budgetYuan: number;
  rulesText: string;
  shareTitle: string;
  shareImageUrl: string;
  pendingDays: number;
  rewardRules: RewardRuleForm[];
}

/** Yuan (as typed, up to 2 decimals) → fen, without float drift (0.1 + 0.2 yuan is 30 fen). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuan = (fen: number): number => fen / 100;
/** ¥1,234.50 */
export const formatYuan = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export const toDefinition = (
  values: CampaignFormValues,
  keep?: Pick<CampaignDefinition, 'caps'>,
): CampaignDefinitionInput => ({
  name: values.name.trim(),
  startsAt: values.window[0],
  endsAt: values.window[1],
  budgetFen: yuanToFen(values.budgetYuan),
  rulesText: values.rulesText,
  shareCard: { title: values.shareTitle, imageUrl: values.shareImageUrl },
  rewardRules: values.rewardRules.map((rule) => ({
    trigger: rule.trigger,
    beneficiary: rule.beneficiary,
    reward:
      rule.kind === 'cash'
        ? { kind: 'cash', amountFen: yuanToFen(rule.amountYuan ?? 0) }
        : { kind: 'points', points: rule.points ?? 0 },
  })),
  pendingDays: values.pendingDays,
  ...(keep ? { caps: keep.caps } : {}),
});

export const toFormValues = (definition: CampaignDefinition): CampaignFormValues => ({
  name: definition.name,
  window: [definition.startsAt, definition.endsAt],
  budgetYuan: fenToYuan(definition.budgetFen),
  rulesText: definition.rulesText,
  shareTitle: definition.shareCard.title,
  shareImageUrl: definition.shareCard.imageUrl,
  pendingDays: definition.pendingDays,
  rewardRules: definition.rewardRules.map((rule) => ({
    trigger: rule.trigger,
    beneficiary: rule.beneficiary,
    kind: rule.reward.kind === 'points' ? 'points' : 'cash',
    amountYuan: rule.reward.amountFen === undefined ? null : fenToYuan(rule.reward.amountFen),
    points: rule.reward.points ?? null,
  })),
});

export type FormPath = (string | number)[];

/**
 * Where in the form a compliance refusal belongs (`rewardRules[0].reward.amountFen` → the first
 * reward's amount). Null: no field of its own; shown in the list above the form only.
 */
export const formPathOf = (field: string): FormPath | null => {
  const rule = /^rewardRules\[(\d+)\]\.(.+)$/.exec(field);
  if (rule) {
    const index = Number(rule[1]);
    const rest = rule[2];
    if (rest === 'trigger' || rest === 'helperCount') return ['rewardRules', index, 'trigger'];
    if (rest === 'reward.kind') return ['rewardRules', index, 'kind'];
    if (rest === 'reward.amountFen') return ['rewardRules', index, 'amountYuan'];
    if (rest === 'reward.points') return ['rewardRules', index, 'points'];
    return ['rewardRules', index, 'trigger'];
  }
  switch (field) {
    case 'name':
      return ['name'];
    case 'rulesText':
      return ['rulesText'];
    case 'startsAt':
    case 'endsAt':
      return ['window'];
    case 'budgetFen':
      return ['budgetYuan'];
    case 'shareCard.title':
      return ['shareTitle'];
    case 'shareCard.imageUrl':
      return ['shareImageUrl'];
    default:
      return null;
  }
};

/** The field a refusal is about, in the form's own words. */
export const fieldLabelOf = (field: string): string => {
  const rule = /^rewardRules\[(\d+)\]/.exec(field);
  if (rule) return `奖励规则 ${Number(rule[1]) + 1}`;
  const labels: Record<string, string> = {
    name: '活动名称',
    rulesText: '活动规则',
    startsAt: '活动时间',
    endsAt: '活动时间',
    budgetFen: '活动预算',
    'shareCard.title': '分享卡片标题',
    'shareCard.imageUrl': '分享卡片图片',
  };
  return labels[field] ?? '活动';
};

/** The form's field errors from a refusal: every message of a field, joined under it. */
export const fieldErrorsOf = (violations: ComplianceViolation[]): { name: FormPath; errors: string[] }[] => {
  const byPath = new Map<string, { name: FormPath; errors: string[] }>();
  for (const violation of violations) {
    const name = formPathOf(violation.field);
    if (!name) continue;
    const key = JSON.stringify(name);
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(violation.message)) entry.errors.push(violation.message);
    byPath.set(key, entry);
  }
  return [...byPath.values()];
};

/** `details.violations` of a CAMPAIGN_NOT_COMPLIANT answer, or none. */
export const violationsOf = (details: unknown): ComplianceViolation[] => {
  const list = (details as { violations?: unknown } | undefined)?.violations;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (v): v is ComplianceViolation =>
      !!v &&
      typeof v === 'object' &&
      typeof v.field === 'string' &&
      typeof v.message === 'string' &&
      typeof v.code === 'string',
  );
};
