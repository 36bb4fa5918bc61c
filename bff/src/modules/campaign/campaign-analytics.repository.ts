import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AnalyticsWindow {
  campaignId: string;
  from: Date;
  to: Date;
  /** The actions that qualify in this campaign (its rules' triggers and helper actions). */
  actions: string[];
}

/**
 * What one campaign's charts read. Card opens, bindings and actions are not tied to a campaign
 * (a share card carries only the sharer's code), so they are counted within the campaign's window;
 * rewards belong to the campaign.
 */
@Injectable()
export class CampaignAnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async funnel(
    w: AnalyticsWindow,
  ): Promise<{ card_opens: number; bound: number; qualified: number; granted: number; paid: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT count(*)::int FROM campaign_card_opens WHERE opened_at >= $2 AND opened_at < $3) AS card_opens,
         (SELECT count(*)::int FROM invite_bindings WHERE bound_at >= $2 AND bound_at < $3) AS bound,
         (SELECT count(DISTINCT a.customer_id)::int FROM campaign_actions a JOIN invite_bindings b ON b.invitee_id = a.customer_id
           WHERE a.created_at >= $2 AND a.created_at < $3 AND a.action = ANY($4::varchar[])) AS qualified,
         (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1 AND status <> 'rejected') AS granted,
         (SELECT count(*)::int FROM campaign_rewards WHERE campaign_id = $1 AND status = 'paid') AS paid`,
      [w.campaignId, w.from, w.to, w.actions],
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

  async topSharers(
    w: AnalyticsWindow,
    limit: number,
  ): Promise<{ openid: string; opens: number; invites: number; rewards: number; reward_fen: number }[]> {
    return (await this.dataSource.query(
      `WITH opens AS (SELECT inviter_id, count(*)::int AS n FROM campaign_card_opens WHERE inviter_id IS NOT NULL AND opened_at >= $2 AND opened_at < $3 GROUP BY 1),
            invites AS (SELECT inviter_id, count(*)::int AS n FROM invite_bindings WHERE bound_at >= $2 AND bound_at < $3 GROUP BY 1),
            rewards AS (SELECT beneficiary_id AS inviter_id, count(*)::int AS n, sum(amount_fen)::int AS fen FROM campaign_rewards
                         WHERE campaign_id = $1 AND status <> 'rejected' GROUP BY 1),
            sharers AS (SELECT inviter_id FROM opens UNION SELECT inviter_id FROM invites UNION SELECT inviter_id FROM rewards)
       SELECT c.openid, coalesce(o.n, 0) AS opens, coalesce(i.n, 0) AS invites, coalesce(r.n, 0) AS rewards, coalesce(r.fen, 0) AS reward_fen
         FROM sharers s JOIN customers c ON c.id = s.inviter_id
         LEFT JOIN opens o ON o.inviter_id = s.inviter_id LEFT JOIN invites i ON i.inviter_id = s.inviter_id LEFT JOIN rewards r ON r.inviter_id = s.inviter_id
        ORDER BY invites DESC, rewards DESC, opens DESC, c.openid LIMIT $4`,
      [w.campaignId, w.from, w.to, limit],
    )) as { openid: string; opens: number; invites: number; rewards: number; reward_fen: number }[];
  }

  /** Distinct sharers in the window: whoever's code was opened or bound a friend. */
  async sharers(w: AnalyticsWindow): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (
         SELECT inviter_id FROM campaign_card_opens WHERE inviter_id IS NOT NULL AND opened_at >= $1 AND opened_at < $2
         UNION SELECT inviter_id FROM invite_bindings WHERE bound_at >= $1 AND bound_at < $2) s`,
      [w.from, w.to],
    )) as { n: number }[];
    return row!.n;
  }
}
