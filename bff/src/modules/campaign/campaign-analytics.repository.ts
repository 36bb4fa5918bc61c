import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AnalyticsScope {
  campaignId: string;
  /** The campaign's window: a qualifying action counts when it was done while the campaign ran. */
  from: Date;
  to: Date;
  /** The actions that qualify in this campaign (its rules' triggers and helper actions). */
  actions: string[];
}

/**
 * What one campaign's charts read, attributed to that campaign and no other: card opens and
 * bindings through the campaign recorded on them (the `cid` its share card's path carries), rewards
 * and helps through their campaign. Two campaigns running at the same time each count their own.
 */
@Injectable()
export class CampaignAnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Card opens → new users bound → qualified friends → rewards granted → paid. A friend qualified
   * when this campaign counted their qualifying action (a reward or a help of this campaign), or
   * when they came in through this campaign's card and did one of its qualifying actions while it
   * ran (an action a cap or the budget then refused still qualified).
   */
  async funnel(
    s: AnalyticsScope,
  ): Promise<{ card_opens: number; bound: number; qualified: number; granted: number; paid: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM campaign_card_opens WHERE campaign_id = $1) AS card_opens,
         (SELECT count(*)::int FROM invite_bindings WHERE campaign_id = $1) AS bound,
         (SELECT count(*)::int FROM (
            SELECT b.invitee_id AS friend FROM invite_bindings b
             WHERE b.campaign_id = $1 AND EXISTS (
               SELECT 1 FROM campaign_actions a WHERE a.customer_id = b.invitee_id AND a.action = ANY($4::varchar[])
                  AND a.created_at >= $2 AND a.created_at < $3)
            UNION SELECT invitee_id FROM campaign_rewards WHERE campaign_id = $1 AND trigger <> 'helpers_reached'
            UNION SELECT helper_id FROM campaign_helps WHERE campaign_id = $1) q) AS qualified,
         (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1 AND status <> 'rejected') AS granted,
         (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1 AND status = 'paid') AS paid`,
      [s.campaignId, s.from, s.to, s.actions],
    )) as { card_opens: number; bound: number; qualified: number; granted: number; paid: number }[];
    return row!;
  }

  /** Cash committed per Beijing day (granted and not rejected: what the budget was charged). */
  async costByDay(campaignId: string): Promise<{ day: string; cost_fen: number }[]> {
    return (await this.dataSource.query(
      `SELECT to_char((created_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, sum(amount_fen)::int AS cost_fen
         FROM campaign_rewards WHERE campaign_id = $1 AND status <> 'rejected' AND kind = 'cash'
        GROUP BY 1 ORDER BY 1`,
      [campaignId],
    )) as { day: string; cost_fen: number }[];
  }

  /** The campaign's sharers: opens of their cards for this campaign, friends bound through it, its rewards to them. */
  async topSharers(
    campaignId: string,
    limit: number,
  ): Promise<{ openid: string; opens: number; invites: number; rewards: number; reward_fen: number }[]> {
    return (await this.dataSource.query(
      `WITH opens AS (SELECT inviter_id, count(*)::int AS n FROM campaign_card_opens WHERE campaign_id = $1 AND inviter_id IS NOT NULL GROUP BY 1),
            invites AS (SELECT inviter_id, count(*)::int AS n FROM invite_bindings WHERE campaign_id = $1 GROUP BY 1),
            rewards AS (SELECT beneficiary_id AS inviter_id, count(*)::int AS n, sum(amount_fen)::int AS fen FROM campaign_rewards
                         WHERE campaign_id = $1 AND status <> 'rejected' GROUP BY 1),
            sharers AS (SELECT inviter_id FROM opens UNION SELECT inviter_id FROM invites UNION SELECT inviter_id FROM rewards)
       SELECT c.openid, coalesce(o.n, 0) AS opens, coalesce(i.n, 0) AS invites, coalesce(r.n, 0) AS rewards, coalesce(r.fen, 0) AS reward_fen
         FROM sharers s JOIN customers c ON c.id = s.inviter_id
         LEFT JOIN opens o ON o.inviter_id = s.inviter_id LEFT JOIN invites i ON i.inviter_id = s.inviter_id LEFT JOIN rewards r ON r.inviter_id = s.inviter_id
        ORDER BY invites DESC, rewards DESC, opens DESC, c.openid LIMIT $2`,
      [campaignId, limit],
    )) as { openid: string; opens: number; invites: number; rewards: number; reward_fen: number }[];
  }

  /** The campaign's distinct sharers: whoever's card for it was opened or bound a friend through it. */
  async sharers(campaignId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (
         SELECT inviter_id FROM campaign_card_opens WHERE campaign_id = $1 AND inviter_id IS NOT NULL
         UNION SELECT inviter_id FROM invite_bindings WHERE campaign_id = $1) s`,
      [campaignId],
    )) as { n: number }[];
    return row!.n;
  }
}
