import { formatCny, type CampaignRewardRule } from '@xiaoan/shared';

/** What the friend does, in the customer's words. */
const TRIGGER_TEXT: Partial<Record<CampaignRewardRule['trigger'], string>> = {
  friend_read_terms: '好友通过你的邀请首次登录后，阅读任一产品的保险条款',
  friend_enable_claim_reminders: '好友通过你的邀请首次登录后，开启理赔提醒',
};

export const rewardText = (reward: CampaignRewardRule['reward']): string =>
  reward.kind === 'cash' ? `${formatCny(reward.amountFen ?? 0)} 现金红包` : `${reward.points ?? 0} 积分`;

/** One reward rule as a sentence: the condition, then the fixed reward and who gets it. */
export const describeRewardRule = (rule: CampaignRewardRule): { when: string; then: string } => {
  const when =
    rule.trigger === 'helpers_reached'
      ? `${rule.helperCount ?? 0} 位好友为你助力`
      : (TRIGGER_TEXT[rule.trigger] ?? '好友完成活动要求的参与');
  return { when, then: `${rule.beneficiary === 'friend' ? '好友' : '你'}获得 ${rewardText(rule.reward)}` };
};
