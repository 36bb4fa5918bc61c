import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { campaignIdFromSharePath, newInviteCode } from './domain/invite-code.js';

/** The share path's campaign, if it names one that has been published (else NULL: no campaign). */
const PUBLISHED_CAMPAIGN = (param: string) =>
  `(SELECT id FROM campaigns WHERE id = ${param}::uuid AND published_version IS NOT NULL)`;

export type BindOutcome = 'bound' | 'existing_customer' | 'unknown_code' | 'self' | 'cycle' | 'already_bound';

/** Invite codes (one per customer, made on first ask) and the once-only bindings of new customers. */
@Injectable()
export class InviteRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The customer's code, made on first ask (`made`: by this very call). */
  async codeOf(
    customerId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ code: string; made: boolean }> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const rows = (await manager.query(
        `WITH made AS (INSERT INTO invite_codes (customer_id, code) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING code)
         SELECT code, true AS made FROM made UNION ALL SELECT code, false AS made FROM invite_codes WHERE customer_id = $1`,
        [customerId, newInviteCode()],
      )) as { code: string; made: boolean }[];
      // Nothing back: the random code collided with someone else's; draw again.
      if (rows[0]) return { code: rows[0].code, made: rows[0].made };
    }
    throw new Error('could not draw a free invite code');
  }

  async ownerOf(code: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT customer_id::text FROM invite_codes WHERE code = $1`, [
      code,
    ])) as { customer_id: string }[];
    return row?.customer_id ?? null;
  }

  /**
   * A share card or poster was opened (attribution and the funnel's first step; never a reward). The
   * campaign is the one the share path names (`cid`), when it is a published one.
   */
  async recordCardOpen(open: {
    inviteCode: string;
    inviterId: string | null;
    sharePath: string | null;
    scene: number | null;
    clientIp: string;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO campaign_card_opens (invite_code, inviter_id, share_path, scene, client_ip, campaign_id)
       VALUES ($1, $2, $3, $4, $5, ${PUBLISHED_CAMPAIGN('$6')})`,
      [
        open.inviteCode,
        open.inviterId,
        open.sharePath,
        open.scene,
        open.clientIp,
        campaignIdFromSharePath(open.sharePath),
      ],
    );
  }

  /**
   * Binds a customer created by this very login to the code's owner, once. Refused: an unknown
   * code, one's own code, a code whose owner descends (through bindings) from the new customer,
   * and any customer who existed before (never re-bound). The binding records the campaign whose
   * card brought the customer in (the share path's `cid`, when it names a published campaign).
   */
  async bind(
    manager: EntityManager,
    input: { inviteeId: string; isNewCustomer: boolean; code: string; sharePath: string | null; scene: number | null },
  ): Promise<BindOutcome> {
    if (!input.isNewCustomer) return 'existing_customer';
    const [owner] = (await manager.query(`SELECT customer_id::text FROM invite_codes WHERE code = $1`, [
      input.code,
    ])) as { customer_id: string }[];
    if (!owner) return 'unknown_code';
    if (owner.customer_id === input.inviteeId) return 'self';
    const [cycle] = (await manager.query(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT $1::uuid, 0
         UNION ALL
         SELECT b.inviter_id, chain.depth + 1 FROM invite_bindings b JOIN chain ON b.invitee_id = chain.id WHERE chain.depth < 64)
       SELECT 1 AS hit FROM chain WHERE id = $2::uuid LIMIT 1`,
      [owner.customer_id, input.inviteeId],
    )) as { hit: number }[];
    if (cycle) return 'cycle';
    const inserted = (await manager.query(
      `INSERT INTO invite_bindings (invitee_id, inviter_id, invite_code, share_path, scene, campaign_id)
       VALUES ($1, $2, $3, $4, $5, ${PUBLISHED_CAMPAIGN('$6')})
       ON CONFLICT (invitee_id) DO NOTHING RETURNING invitee_id`,
      [
        input.inviteeId,
        owner.customer_id,
        input.code,
        input.sharePath,
        input.scene,
        campaignIdFromSharePath(input.sharePath),
      ],
    )) as unknown[];
    return inserted.length > 0 ? 'bound' : 'already_bound';
  }

  async inviterOf(customerId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT inviter_id::text FROM invite_bindings WHERE invitee_id = $1`, [
      customerId,
    ])) as { inviter_id: string }[];
    return row?.inviter_id ?? null;
  }

  async invitesOf(customerId: string): Promise<{ bound_at: Date; openid: string }[]> {
    return (await this.dataSource.query(
      `SELECT b.bound_at, c.openid FROM invite_bindings b JOIN customers c ON c.id = b.invitee_id WHERE b.inviter_id = $1 ORDER BY b.bound_at DESC LIMIT 200`,
      [customerId],
    )) as { bound_at: Date; openid: string }[];
  }
}
