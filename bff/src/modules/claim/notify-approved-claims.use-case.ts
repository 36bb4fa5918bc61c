import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { formatYuan } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { rowsOf } from '../../core/database/rows-of.js';
import { SubscribeMessageClient } from '../../integrations/wechat/subscribe-message.client.js';
import { WechatApiError } from '../../integrations/wechat/wechat-api.error.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';

interface Sending {
  id: string;
  claim_no: string;
  amount_fen: number;
  product_version_id: string;
  openid: string;
}

const SEND_CONCURRENCY = 8;
const RETRY_DELAYS_MS = [300, 1500];

/**
 * 理赔到账提醒 for a settlement's approved claims (wechat.md §7). Each "accept" the user gave at
 * purchase allows one message: credits are consumed set-based (one per customer and template, so
 * a customer with two claims on the flight gets one message), then the messages are sent.
 * At most once: a claim is marked `sending` with its credit consumed before the call to WeChat, so
 * a crash or retry never sends it twice; a lost message is only a lost reminder (the claim is also
 * badged in the mini-program). A claim whose row a payout holds is waited for, not skipped: nothing
 * would come back for a skipped one (it stayed `pending` with no job left). Waiting is safe against
 * a second run of the same job, since the `pending` condition is checked again on the locked row;
 * locks are taken in id order so two runs cannot deadlock on each other.
 */
@Injectable()
export class NotifyApprovedClaimsUseCase {
  private readonly logger = new Logger('NotifyApprovedClaims');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly messages: SubscribeMessageClient,
    private readonly versions: ProductVersionCache,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(claimIds: string[]): Promise<{ sent: number; unsubscribed: number; failed: number }> {
    const templateId = this.integrations.claimApprovedTemplateId;
    const rows = rowsOf<Sending & { notify_state: string }>(
      await this.dataSource.query(
        `WITH target AS (
           SELECT c.id, c.customer_id FROM claims c WHERE c.id = ANY($1::uuid[]) AND c.notify_state = 'pending' ORDER BY c.id FOR UPDATE),
         credit AS (
           UPDATE subscriptions s SET accepted_count = s.accepted_count - 1, updated_at = now()
             FROM target t WHERE s.customer_id = t.customer_id AND s.template_id = $2 AND s.accepted_count > 0
           RETURNING t.id)
         UPDATE claims c SET notify_state = CASE WHEN c.id IN (SELECT id FROM credit) THEN 'sending' ELSE 'unsubscribed' END
           FROM target t JOIN customers cu ON cu.id = t.customer_id
          WHERE c.id = t.id
         RETURNING c.id, c.claim_no, c.amount_fen, c.product_version_id, c.notify_state, cu.openid`,
        [claimIds, templateId],
      ),
    );
    const sending = rows.filter((row) => row.notify_state === 'sending');
    const sent: string[] = [];
    const failed: string[] = [];
    for (let i = 0; i < sending.length; i += SEND_CONCURRENCY) {
      await Promise.all(
        sending.slice(i, i + SEND_CONCURRENCY).map(async (claim) => {
          if (await this.send(claim, templateId)) sent.push(claim.id);
          else failed.push(claim.id);
        }),
      );
    }
    if (sent.length > 0)
      await this.dataSource.query(`UPDATE claims SET notify_state = 'sent' WHERE id = ANY($1::uuid[])`, [sent]);
    if (failed.length > 0)
      await this.dataSource.query(`UPDATE claims SET notify_state = 'failed' WHERE id = ANY($1::uuid[])`, [failed]);
    const unsubscribed = rows.length - sending.length;
    this.logger.log({ sent: sent.length, unsubscribed, failed: failed.length }, 'claim-approved messages');
    return { sent: sent.length, unsubscribed, failed: failed.length };
  }

  private async send(claim: Sending, templateId: string): Promise<boolean> {
    const version = await this.versions.byVersionId(claim.product_version_id);
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.messages.send({
          openid: claim.openid,
          templateId,
          page: `packages/claims/detail/index?id=${claim.id}`,
          data: {
            thing1: { value: (version?.productName ?? '航班延误险').slice(0, 20) },
            amount2: { value: `${formatYuan(claim.amount_fen)}元` },
            character_string3: { value: claim.claim_no },
            thing4: { value: '理赔已批准，点击领取红包' },
          },
        });
        return true;
      } catch (error) {
        const retryable = error instanceof WechatApiError && error.retryClass === 'retry_same';
        const delay = RETRY_DELAYS_MS[attempt];
        if (!retryable || delay === undefined) {
          this.logger.warn(
            { claimNo: claim.claim_no, code: (error as WechatApiError).code },
            'claim-approved message not sent',
          );
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
