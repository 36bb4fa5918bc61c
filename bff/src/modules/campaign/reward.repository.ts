import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { named } from '../../core/database/named-parameters.js';
import { rowsOf } from '../../core/database/rows-of.js';

export interface RewardGrant {
  campaignId: string;
  campaignVersion: number;
  ruleIndex: number;
  beneficiaryId: string;
  inviteeId: string;
  trigger: string;
  kind: 'cash' | 'points';
  amountFen: number;
  points: number;
  status: 'pending' | 'review';
  riskRank: number | null;
  clientIp: string;
  deviceId: string | null;
  pendingDays: number;
}

export interface RewardRow {
  id: string;
  campaign_id: string;
  kind: 'cash' | 'points';
  amount_fen: number;
  points: number;
  status: string;
  payable_at: Date;
  /** The hold is over, by the database's clock (the one that set `payable_at`). */
  hold_over: boolean;
  risk_rank: number | null;
  beneficiary_id: string;
  invitee_id: string;
  created_at: Date;
}

const REWARD_COLUMNS = `id::text, campaign_id::text, kind, amount_fen, points, status, payable_at, payable_at <= now() AS hold_over, risk_rank, beneficiary_id::text, invitee_id::text, created_at`;

/** Rewards, the guarded daily cap counters and the campaign budget: every take is one conditional write. */
@Injectable()
export class RewardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The reward row, once per (campaign, rule, friend) — and for a helper rule once per sharer;
   * undefined when it was already earned.
   */
  async insert(grant: RewardGrant, manager: EntityManager): Promise<string | undefined> {
    const rows = (await manager.query(
      ...named(
        `INSERT INTO campaign_rewards (campaign_id, campaign_version, rule_index, beneficiary_id, invitee_id, trigger, kind, amount_fen, points, status, risk_rank, client_ip, payable_at, device_id)
         VALUES ($campaignId, $campaignVersion, $ruleIndex, $beneficiaryId, $inviteeId, $trigger, $kind, $amountFen, $points, $status, $riskRank, $clientIp,
                 now() + make_interval(days => $pendingDays), $deviceId)
         ON CONFLICT DO NOTHING RETURNING id::text`,
        grant,
      ),
    )) as { id: string }[];
    return rows[0]?.id;
  }

  /** Counts one against a daily cap; false (nothing counted) when the cap is reached. */
  async takeCap(
    campaignId: string,
    day: string,
    capKey: string,
    limit: number,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO campaign_cap_counters AS c (campaign_id, day, cap_key, used) SELECT $1, $2::date, $3, 1 WHERE $4::int >= 1
       ON CONFLICT (campaign_id, day, cap_key) DO UPDATE SET used = c.used + 1 WHERE c.used < $4::int
       RETURNING used`,
      [campaignId, day, capKey, limit],
    )) as { used: number }[];
    return rows.length > 0;
  }

  /** Counts one against a whole-campaign cap (every day together); false when it is reached. */
  async takeTotalCap(campaignId: string, capKey: string, limit: number, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO campaign_cap_totals AS c (campaign_id, cap_key, used) SELECT $1, $2, 1 WHERE $3::int >= 1
       ON CONFLICT (campaign_id, cap_key) DO UPDATE SET used = c.used + 1 WHERE c.used < $3::int
       RETURNING used`,
      [campaignId, capKey, limit],
    )) as { used: number }[];
    return rows.length > 0;
  }

  /** The ID numbers (blind indexes, never the numbers) a customer has entered, for the per-ID caps. */
  async idNumberIndexesOf(customerId: string, manager: EntityManager): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT insured_id_index FROM orders WHERE customer_id = $1 ORDER BY insured_id_index LIMIT 5`,
      [customerId],
    )) as {
      insured_id_index: string;
    }[];
    return rows.map((r) => r.insured_id_index);
  }

  /** Records one helper's help for their inviter (once per helper and rule); then how many helps the inviter has and their worst risk rank. */
  async recordHelp(
    help: {
      campaignId: string;
      ruleIndex: number;
      helperId: string;
      inviterId: string;
      action: string;
      riskRank: number | null;
    },
    manager: EntityManager,
  ): Promise<{ counted: boolean; helped: number; worstRank: number | null; unknownRank: boolean }> {
    const inserted = (await manager.query(
      `INSERT INTO campaign_helps (campaign_id, rule_index, helper_id, inviter_id, action, risk_rank) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING helper_id`,
      [help.campaignId, help.ruleIndex, help.helperId, help.inviterId, help.action, help.riskRank],
    )) as unknown[];
    const [tally] = (await manager.query(
      `SELECT count(*)::int AS helped, max(risk_rank)::int AS worst, bool_or(risk_rank IS NULL) AS unknown
         FROM campaign_helps WHERE campaign_id = $1 AND rule_index = $2 AND inviter_id = $3`,
      [help.campaignId, help.ruleIndex, help.inviterId],
    )) as { helped: number; worst: number | null; unknown: boolean }[];
    return {
      counted: inserted.length > 0,
      helped: tally!.helped,
      worstRank: tally!.worst,
      unknownRank: tally!.unknown === true,
    };
  }

  /** The sharer's helper progress in live campaigns' helper rules. */
  async helpsOf(
    inviterId: string,
  ): Promise<{ campaign_id: string; rule_index: number; helped: number; rewarded: boolean }[]> {
    return (await this.dataSource.query(
      `SELECT h.campaign_id::text, h.rule_index, count(*)::int AS helped,
              EXISTS (SELECT 1 FROM campaign_rewards r WHERE r.campaign_id = h.campaign_id AND r.rule_index = h.rule_index AND r.beneficiary_id = h.inviter_id) AS rewarded
         FROM campaign_helps h WHERE h.inviter_id = $1 GROUP BY h.campaign_id, h.rule_index, h.inviter_id`,
      [inviterId],
    )) as { campaign_id: string; rule_index: number; helped: number; rewarded: boolean }[];
  }

  /** Takes `amountFen` of the budget in one guarded UPDATE (never read-then-write); false when it would exceed it. */
  async takeBudget(campaignId: string, amountFen: number, manager: EntityManager): Promise<boolean> {
    const rows = rowsOf<{ spent_fen: string }>(
      await manager.query(
        `UPDATE campaigns SET spent_fen = spent_fen + $2, updated_at = now()
          WHERE id = $1 AND status = 'published' AND starts_at <= now() AND ends_at > now() AND spent_fen + $2 <= budget_fen
         RETURNING spent_fen`,
        [campaignId, amountFen],
      ),
    );
    return rows.length > 0;
  }

  async releaseBudget(campaignId: string, amountFen: number, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE campaigns SET spent_fen = spent_fen - $2, updated_at = now() WHERE id = $1`, [
      campaignId,
      amountFen,
    ]);
  }

  async ofBeneficiary(customerId: string): Promise<RewardRow[]> {
    return (await this.dataSource.query(
      `SELECT ${REWARD_COLUMNS} FROM campaign_rewards WHERE beneficiary_id = $1 ORDER BY created_at DESC LIMIT 200`,
      [customerId],
    )) as RewardRow[];
  }

  async inReview(limit: number): Promise<RewardRow[]> {
    return (await this.dataSource.query(
      `SELECT ${REWARD_COLUMNS} FROM campaign_rewards WHERE status = 'review' ORDER BY created_at, id LIMIT $1`,
      [limit],
    )) as RewardRow[];
  }

  /** Review → pending (approved) or rejected; matches nothing unless the reward is in review. */
  async decide(
    id: string,
    approve: boolean,
    by: string,
    reason: string,
    manager: EntityManager,
  ): Promise<RewardRow | undefined> {
    const rows = rowsOf<RewardRow>(
      await manager.query(
        `UPDATE campaign_rewards SET status = $2, reviewed_by = $3, review_reason = $4, updated_at = now()
          WHERE id = $1 AND status = 'review' RETURNING ${REWARD_COLUMNS}`,
        [id, approve ? 'pending' : 'rejected', by, reason],
      ),
    );
    return rows[0];
  }
}
