import { Injectable } from '@nestjs/common';
import type { CampaignAnalytics, CampaignDefinition } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { CampaignAnalyticsRepository } from './campaign-analytics.repository.js';
import { CampaignRepository } from './campaign.repository.js';

/** Sharers are shown masked, never by openid (the same mask customers see for their friends). */
const maskSharer = (openid: string): string => `微信用户${openid.slice(-4)}`;
const round = (n: number, places = 3): number => Math.round(n * 10 ** places) / 10 ** places;

const qualifyingActions = (definition: CampaignDefinition): string[] => [
  ...new Set(
    definition.rewardRules.flatMap((rule) =>
      rule.trigger === 'helpers_reached' ? (rule.helperAction ? [rule.helperAction] : []) : [rule.trigger],
    ),
  ),
];

/**
 * One campaign's analytics for marketing and admins: the funnel (card opens → new users bound →
 * qualified actions → rewards granted → paid), cash committed per day against the budget, the top
 * sharers, and the K-factor, all attributed to this campaign (its share card's path names it, so
 * opens and bindings record it), never counted over its time window. WeChat does not report shares,
 * so "invites" are the card opens the mini-program reports: K = (opens per sharer) × (new users bound per open).
 */
@Injectable()
export class CampaignAnalyticsUseCase {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly analytics: CampaignAnalyticsRepository,
    private readonly audit: StaffAudit,
  ) {}

  async execute(
    staff: AuthenticatedStaff,
    campaignId: string,
    how: 'view' | 'csv' = 'view',
  ): Promise<CampaignAnalytics> {
    const campaign = await this.campaigns.find(campaignId);
    if (!campaign) throw new AppException('CAMPAIGN_NOT_FOUND');
    const d = campaign.definition;
    const from = new Date(d.startsAt);
    const to = new Date(Math.min(Date.parse(d.endsAt), Date.now() + 1000));
    // Every figure is this campaign's own: opens and bindings through its cards, its rewards and helps.
    const scope = { campaignId, from, to, actions: qualifyingActions(d) };
    // One after the other: a staff read need not hold four pooled connections at once.
    const funnel = await this.analytics.funnel(scope);
    const costs = await this.analytics.costByDay(campaignId);
    const top = await this.analytics.topSharers(campaignId, 10);
    const sharers = await this.analytics.sharers(campaignId);
    // Top sharers are personal data (masked): the read is on the trail.
    await this.audit.record(staff, {
      action: how === 'csv' ? 'campaign_analytics_export' : 'campaign_analytics_read',
      resourceType: 'campaign',
      resourceId: campaignId,
    });
    let cumulative = 0;
    const budgetFen = Number(campaign.budget_fen);
    const invitesPerSharer = sharers === 0 ? 0 : funnel.card_opens / sharers;
    const conversion = funnel.card_opens === 0 ? 0 : funnel.bound / funnel.card_opens;
    return {
      campaignId,
      name: d.name,
      budgetFen,
      spentFen: Number(campaign.spent_fen),
      window: { startsAt: d.startsAt, endsAt: d.endsAt },
      funnel: {
        cardOpens: funnel.card_opens,
        newUsersBound: funnel.bound,
        qualifiedActions: funnel.qualified,
        rewardsGranted: funnel.granted,
        paid: funnel.paid,
      },
      costByDay: costs.map((c) => {
        cumulative += c.cost_fen;
        return { day: c.day, costFen: c.cost_fen, cumulativeFen: cumulative, budgetFen };
      }),
      topSharers: top.map((t) => ({
        sharer: maskSharer(t.openid),
        opens: t.opens,
        invites: t.invites,
        rewards: t.rewards,
        rewardFen: t.reward_fen,
      })),
      kFactor: {
        sharers,
        invitesPerSharer: round(invitesPerSharer),
        conversion: round(conversion),
        k: round(invitesPerSharer * conversion),
      },
    };
  }
}

const cell = (value: string | number): string => {
  const text = String(value);
  // Quote what needs it; a leading = + - @ would be read as a formula by a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const line = (...cells: (string | number)[]): string => cells.map(cell).join(',');

/** The same figures as CSV (UTF-8 with a BOM, so that Excel reads the Chinese headings). */
export const analyticsCsv = (a: CampaignAnalytics): string => {
  const rows = [
    line('活动', a.name),
    line('预算(元)', (a.budgetFen / 100).toFixed(2), '已用(元)', (a.spentFen / 100).toFixed(2)),
    '',
    line('漏斗', '人数'),
    line('卡片打开', a.funnel.cardOpens),
    line('新用户绑定', a.funnel.newUsersBound),
    line('完成任务', a.funnel.qualifiedActions),
    line('发放奖励', a.funnel.rewardsGranted),
    line('已到账', a.funnel.paid),
    '',
    line('日期', '当日成本(元)', '累计成本(元)', '预算(元)'),
    ...a.costByDay.map((c) =>
      line(c.day, (c.costFen / 100).toFixed(2), (c.cumulativeFen / 100).toFixed(2), (c.budgetFen / 100).toFixed(2)),
    ),
    '',
    line('分享者', '卡片打开', '邀请绑定', '奖励数', '奖励金额(元)'),
    ...a.topSharers.map((t) => line(t.sharer, t.opens, t.invites, t.rewards, (t.rewardFen / 100).toFixed(2))),
    '',
    line('分享者数', '人均打开', '转化率', 'K因子'),
    line(a.kFactor.sharers, a.kFactor.invitesPerSharer, a.kFactor.conversion, a.kFactor.k),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
};
