import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CollectClaimResponse } from '@xiaoan/shared';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { TransferBillClient, type TransferBill } from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { isReofferableBillState } from '../payout/domain/out-bill-no.js';
import { TransferRateBucket } from '../payout/transfer-rate.bucket.js';
import { RewardBillRepository, rewardOutBillNoOf, type RewardBillRow } from './reward-bill.repository.js';
import { CAMPAIGN_QUEUES, REWARD_BILL_SYNC_AFTER_MS } from './sync-reward-bill.use-case.js';

/** 现金营销 (wechat.md §5: not the insurance-claim scene 1004). */
export const CASH_MARKETING_SCENE_ID = '1000';
export const CASH_MARKETING_RECV_PERCEPTION = '活动奖励';

/**
 * 领红包 for a cash campaign reward whose hold is over: the reward's current transfer bill is
 * created, or re-created under the same out_bill_no (WeChat answers the same bill with a fresh
 * package_info), in the marketing scene, through the same 100/s token bucket as claim payouts.
 * The attempt row is committed before WeChat is called; a new number is used only once the
 * current bill is FAIL or CANCELLED, so a reward is paid at most once across retries and faults.
 */
@Injectable()
export class CollectRewardUseCase {
  private readonly logger = new Logger('CollectReward');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bills: RewardBillRepository,
    private readonly client: TransferBillClient,
    private readonly bucket: TransferRateBucket,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  async execute(customer: { customerId: string; openid: string }, rewardId: string): Promise<CollectClaimResponse> {
    for (let round = 0; round < 2; round += 1) {
      const bill = await this.currentBill(customer.customerId, rewardId);
      const created = await this.create(bill);
      await this.bills.applyState({
        outBillNo: bill.out_bill_no,
        state: created.state,
        transferBillNo: created.transferBillNo,
        failReason: created.failReason,
      });
      if (created.state === 'WAIT_USER_CONFIRM' && created.packageInfo) {
        return {
          mchId: this.integrations.wechatPay.mchid,
          appId: this.integrations.wechatPay.appid,
          package: created.packageInfo,
          openId: bill.openid,
        };
      }
      if (isReofferableBillState(created.state)) continue;
      throw new AppException(created.state === 'SUCCESS' ? 'CAMPAIGN_REWARD_NOT_COLLECTABLE' : 'PAYOUT_BUSY');
    }
    throw new AppException('PAYOUT_BUSY');
  }

  /** Same number, same parameters; one identical retry on WeChat's retry-same errors, then "try again". */
  private async create(bill: RewardBillRow): Promise<TransferBill> {
    for (let attempt = 0; ; attempt += 1) {
      if (!(await this.bucket.take(1000))) throw new AppException('PAYOUT_BUSY', { retryAfterSeconds: 1 });
      try {
        return await this.client.create({
          outBillNo: bill.out_bill_no,
          openid: bill.openid,
          amountFen: bill.amount_fen,
          remark: `${bill.campaign_name}活动奖励`.slice(0, 32),
          sceneId: CASH_MARKETING_SCENE_ID,
          userRecvPerception: CASH_MARKETING_RECV_PERCEPTION,
          reportInfos: [
            { info_type: '活动名称', info_content: bill.campaign_name.slice(0, 32) },
            { info_type: '奖励说明', info_content: `邀请好友活动固定奖励${bill.amount_fen / 100}元`.slice(0, 32) },
          ],
        });
      } catch (error) {
        if (!(error instanceof WechatPayError)) throw error;
        await this.bills.recordError(bill.out_bill_no, `${error.code}: ${error.message}`);
        if (error.retryClass !== 'retry_same') {
          this.logger.error(
            { outBillNo: bill.out_bill_no, code: error.code },
            'reward transfer bill refused: the request needs fixing',
          );
          throw new AppException('PAYOUT_UNAVAILABLE');
        }
        this.logger.warn(
          { outBillNo: bill.out_bill_no, code: error.code, attempt: attempt + 1 },
          'reward transfer bill failed; retrying with the same out_bill_no',
        );
        if (attempt >= 1)
          throw new AppException('PAYOUT_BUSY', {
            retryAfterSeconds: Math.ceil(Math.max(error.suggestedBackoffMs, 1000) / 1000),
          });
        await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(error.suggestedBackoffMs, 200), 500)));
      }
    }
  }

  /** Locks the reward and returns its current attempt, opening attempt n+1 if attempt n ended unpaid. */
  private currentBill(customerId: string, rewardId: string): Promise<RewardBillRow> {
    return this.unitOfWork.run(async ({ manager, enqueue }) => {
      const [reward] = (await manager.query(
        `SELECT r.id::text, r.kind, r.status, r.amount_fen, r.payout_attempt, r.payable_at <= now() AS payable, cu.openid, c.definition->>'name' AS campaign_name,
                b.out_bill_no, b.state AS bill_state
           FROM campaign_rewards r JOIN customers cu ON cu.id = r.beneficiary_id JOIN campaigns c ON c.id = r.campaign_id
           LEFT JOIN campaign_reward_bills b ON b.reward_id = r.id AND b.attempt = r.payout_attempt
          WHERE r.id = $1 AND r.beneficiary_id = $2
          FOR UPDATE OF r`,
        [rewardId, customerId],
      )) as {
        id: string;
        kind: string;
        status: string;
        amount_fen: number;
        payout_attempt: number;
        payable: boolean;
        openid: string;
        campaign_name: string;
        out_bill_no: string | null;
        bill_state: string | null;
      }[];
      if (!reward) throw new AppException('CAMPAIGN_REWARD_NOT_FOUND');
      const base = {
        reward_id: reward.id,
        openid: reward.openid,
        campaign_name: reward.campaign_name,
        amount_fen: reward.amount_fen,
      };
      // The current bill stands until it ends: reopened while it waits, never doubled.
      if (
        reward.status === 'paying' &&
        reward.out_bill_no &&
        reward.bill_state &&
        !isReofferableBillState(reward.bill_state) &&
        reward.bill_state !== 'SUCCESS'
      ) {
        return { ...base, out_bill_no: reward.out_bill_no, attempt: reward.payout_attempt, state: reward.bill_state };
      }
      if (reward.kind !== 'cash' || reward.status !== 'pending' || !reward.payable)
        throw new AppException('CAMPAIGN_REWARD_NOT_COLLECTABLE', { status: reward.status });
      const attempt = reward.payout_attempt + 1;
      const outBillNo = rewardOutBillNoOf(reward.id, attempt);
      await manager.query(
        `INSERT INTO campaign_reward_bills (out_bill_no, reward_id, attempt, amount_fen) VALUES ($1, $2, $3, $4)`,
        [outBillNo, reward.id, attempt, reward.amount_fen],
      );
      await manager.query(
        `UPDATE campaign_rewards SET payout_attempt = $2, status = 'paying', updated_at = now() WHERE id = $1`,
        [reward.id, attempt],
      );
      // If neither the notification nor the user comes back, look the bill up after its 24 h.
      await enqueue(
        CAMPAIGN_QUEUES.syncRewardBill,
        { outBillNo },
        { singletonKey: `sync:${outBillNo}`, startAfter: new Date(Date.now() + REWARD_BILL_SYNC_AFTER_MS) },
      );
      this.logger.log({ rewardId: reward.id, outBillNo, attempt }, 'reward payout attempt opened');
      return { ...base, out_bill_no: outBillNo, attempt, state: 'CREATING' };
    });
  }
}
