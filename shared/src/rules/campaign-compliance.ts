import type { CampaignDefinition, ComplianceViolation } from '../contracts/campaign.contract.js';

/**
 * The compliance check every campaign passes before review and again at publish (issue 12;
 * compliance.md rows 4-5; 微信小程序平台运营规范 §5.1 and the 2020-12 notice on sharing; 保险法 116).
 * Pure: the same definition always gets the same answer, with every broken rule named.
 */
export const CAMPAIGN_COMPLIANCE_RULES = {
  PURCHASE_TRIGGER: '奖励不得与购买、支付或出单挂钩（保险法第116条：不得给予合同约定以外的利益）',
  RANDOM_REWARD: '奖励必须固定并事先写明，不得抽奖、随机金额或随机砍价（微信运营规范 §5.1）',
  REWARD_UNDISCLOSED: '活动规则须写明每项奖励的固定金额或积分（奖励不得不公开）',
  SHARE_REWARD: '不得因分享行为本身、分享到朋友圈或好友仅打开卡片给予奖励（微信运营规范 §5.1）',
  HELPER_UNSTATED: '助力活动须写明固定的助力人数和固定的结果',
  RULES_MISSING: '缺少完整的活动规则，用户参与前必须能看到全部规则',
  FORBIDDEN_COPY: '文案含禁止使用的夸大或误导表述',
  PREMIUM_DISCOUNT: '不得返还保费或发放保费优惠券、折扣（保险法第116条）',
  FREE_POLICY: '不得赠送保险（财产保险不得赠送）',
  WINDOW_INVALID: '活动结束时间须晚于开始时间',
  BUDGET_INVALID: '活动预算须不少于一份奖励的金额',
  REWARD_AMOUNT_INVALID: '现金奖励须为 0.10 元至 200 元之间的固定金额；积分奖励须为固定正数',
} as const;
export type CampaignComplianceRule = keyof typeof CAMPAIGN_COMPLIANCE_RULES;

export type ComplianceResult = { ok: true } | { ok: false; violations: ComplianceViolation[] };

/** Patterns refused anywhere in the copy (name, rules text, share-card title), with what each is. */
const FORBIDDEN_COPY: readonly { pattern: RegExp; what: string; rule: CampaignComplianceRule }[] = [
  { pattern: /[百千万][元块]?现金|天天领|日日领|领不停|无限领/, what: '夸大现金收益', rule: 'FORBIDDEN_COPY' },
  { pattern: /稳赚|躺赚|保赚|稳赢|零风险|包赚|必中|百分百中|100%中/, what: '承诺收益或必中', rule: 'FORBIDDEN_COPY' },
  {
    pattern: /(免费|白送|赠送|0元|零元)(送|领|得)?(保险|保单|一份保障)|送保险|保险免费/,
    what: '赠送保险',
    rule: 'FREE_POLICY',
  },
  {
    pattern:
      /返(还)?保费|保费返|返现|保费.{0,6}(打折|折扣|优惠|减免|立减)|(优惠|抵扣|代金|折扣)券|打[0-9一二三四五六七八九]折|立减/,
    what: '保费返还或优惠',
    rule: 'PREMIUM_DISCOUNT',
  },
  {
    pattern:
      /抽奖|转盘|随机(红包|金额|奖励|砍|减)|砍一刀|拼手气|幸运奖|最高(可)?(得|领|返|砍)?[0-9一二三四五六七八九十百千]+\s*(元|积分)/,
    what: '随机或不定奖励',
    rule: 'RANDOM_REWARD',
  },
  {
    pattern: /分享(即|就)?(得|领|送|有奖)|转发(即|就)?(得|领|送|有奖)|分享到朋友圈(得|领|送)/,
    what: '分享有奖',
    rule: 'SHARE_REWARD',
  },
];

const PURCHASE_TRIGGERS = new Set(['friend_purchase', 'friend_payment', 'friend_policy_issued']);
const SHARE_TRIGGERS = new Set(['share', 'share_to_moments', 'card_opened']);

/** "5元", "5.00元", "5.5 元" — how the rules text may state a cash amount of `fen`. */
const statesCash = (text: string, fen: number): boolean => {
  const yuan = fen / 100;
  const spellings = new Set([String(yuan), yuan.toFixed(2), yuan.toFixed(1)]);
  return [...spellings].some((s) => new RegExp(`(^|[^0-9.])${s.replace('.', '\\.')}\\s*元`).test(text));
};
const statesPoints = (text: string, points: number): boolean => new RegExp(`(^|[^0-9])${points}\\s*积分`).test(text);

export const checkCampaignCompliance = (definition: CampaignDefinition): ComplianceResult => {
  const violations: ComplianceViolation[] = [];
  const refuse = (code: CampaignComplianceRule, field: string, detail?: string) => {
    if (violations.some((v) => v.code === code && v.field === field)) return;
    violations.push({
      code,
      field,
      message: detail ? `${CAMPAIGN_COMPLIANCE_RULES[code]}：${detail}` : CAMPAIGN_COMPLIANCE_RULES[code],
    });
  };

  const rulesText = definition.rulesText.trim();
  if (rulesText.replace(/\s/g, '').length < 20) refuse('RULES_MISSING', 'rulesText');
  if (!(Date.parse(definition.endsAt) > Date.parse(definition.startsAt))) refuse('WINDOW_INVALID', 'endsAt');

  const copies: [string, string][] = [
    ['name', definition.name],
    ['rulesText', definition.rulesText],
    ['shareCard.title', definition.shareCard.title],
  ];
  for (const [field, text] of copies) {
    for (const { pattern, what, rule } of FORBIDDEN_COPY) {
      const hit = pattern.exec(text);
      if (hit) refuse(rule, field, `${what}「${hit[0]}」`);
    }
  }

  let smallestCash = Number.POSITIVE_INFINITY;
  definition.rewardRules.forEach((rule, i) => {
    const at = `rewardRules[${i}]`;
    if (PURCHASE_TRIGGERS.has(rule.trigger)) refuse('PURCHASE_TRIGGER', `${at}.trigger`);
    if (SHARE_TRIGGERS.has(rule.trigger)) refuse('SHARE_REWARD', `${at}.trigger`);
    if (rule.trigger === 'helpers_reached' && rule.helperCount === undefined)
      refuse('HELPER_UNSTATED', `${at}.helperCount`);
    if (rule.trigger === 'helpers_reached') {
      // A help counts only for the helper's own real, non-purchase action (never a purchase, a share or a mere open).
      const action = rule.helperAction;
      if (action === undefined || action === 'helpers_reached')
        refuse(
          'HELPER_UNSTATED',
          `${at}.helperAction`,
          '须写明每位助力好友需自己完成的动作（如阅读条款、开启理赔提醒）',
        );
      else if (PURCHASE_TRIGGERS.has(action)) refuse('PURCHASE_TRIGGER', `${at}.helperAction`);
      else if (SHARE_TRIGGERS.has(action)) refuse('SHARE_REWARD', `${at}.helperAction`);
      // The fixed result goes to the sharer who asked for help; helpers are not paid for helping.
      if (rule.beneficiary === 'friend') refuse('HELPER_UNSTATED', `${at}.beneficiary`, '助力达成的固定奖励归发起人');
    }
    if (
      rule.trigger === 'helpers_reached' &&
      rule.helperCount !== undefined &&
      !new RegExp(`${rule.helperCount}\\s*(位|名|个|人)`).test(rulesText)
    ) {
      refuse('HELPER_UNSTATED', `${at}.helperCount`, `规则中未写明 ${rule.helperCount} 位助力好友`);
    }
    const { kind, amountFen, points } = rule.reward;
    switch (kind) {
      case 'lottery':
      case 'random_cash':
        refuse('RANDOM_REWARD', `${at}.reward.kind`);
        break;
      case 'premium_rebate':
      case 'premium_coupon':
        refuse('PREMIUM_DISCOUNT', `${at}.reward.kind`);
        break;
      case 'free_policy':
        refuse('FREE_POLICY', `${at}.reward.kind`);
        break;
      case 'cash':
        if (amountFen === undefined || amountFen < 10 || amountFen > 20_000 || points !== undefined) {
          refuse('REWARD_AMOUNT_INVALID', `${at}.reward.amountFen`);
        } else {
          smallestCash = Math.min(smallestCash, amountFen);
          if (!statesCash(rulesText, amountFen))
            refuse('REWARD_UNDISCLOSED', `${at}.reward.amountFen`, `规则中未写明「${amountFen / 100}元」`);
        }
        break;
      case 'points':
        if (points === undefined || points < 1 || amountFen !== undefined)
          refuse('REWARD_AMOUNT_INVALID', `${at}.reward.points`);
        else if (!statesPoints(rulesText, points))
          refuse('REWARD_UNDISCLOSED', `${at}.reward.points`, `规则中未写明「${points}积分」`);
        break;
    }
  });
  if (Number.isFinite(smallestCash) && definition.budgetFen < smallestCash) refuse('BUDGET_INVALID', 'budgetFen');

  return violations.length === 0 ? { ok: true } : { ok: false, violations };
};
