import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { TransferBillClient } from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { isFinalBillState } from '../payout/domain/out-bill-no.js';
import { TransferRateBucket } from '../payout/transfer-rate.bucket.js';
import { RewardBillRepository } from './reward-bill.repository.js';

/** pg-boss queue: look a reward's bill up at WeChat (missed notification, 24 h expiry). */
export const CAMPAIGN_QUEUES = { syncRewardBill: 'campaign.sync-reward-bill' } as const;
/** WeChat ends an unconfirmed bill after 24 h; look it up a little after. */
export const REWARD_BILL_SYNC_AFTER_MS = 24 * 3600_000 + 10 * 60_000;

/** Applies WeChat's view of a reward bill, as if notified; re-checks hourly until it is final. */
@Injectable()
export class SyncRewardBillUseCase implements OnModuleInit {
  private readonly logger = new Logger('SyncRewardBill');

  constructor(
    private readonly bills: RewardBillRepository,
    private readonly client: TransferBillClient,
    private readonly bucket: TransferRateBucket,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: CAMPAIGN_QUEUES.syncRewardBill, retryLimit: 20, retryDelay: 60, retryBackoff: true });
    this.jobs.handle<{ outBillNo: string }>(CAMPAIGN_QUEUES.syncRewardBill, async ({ outBillNo }) => {
      await this.sync(outBillNo);
    });
  }

  async sync(outBillNo: string): Promise<string | null> {
    const bill = await this.bills.find(outBillNo);
    if (!bill || isFinalBillState(bill.state)) return bill?.state ?? null;
    if (!(await this.bucket.take(5000))) throw new Error('transfer bucket empty; retry later');
    try {
      const found = await this.client.queryByOutBillNo(outBillNo);
      await this.bills.applyState({
        outBillNo,
        state: found.state,
        transferBillNo: found.transferBillNo,
        failReason: found.failReason,
      });
      if (!isFinalBillState(found.state))
        await this.jobs.send(
          CAMPAIGN_QUEUES.syncRewardBill,
          { outBillNo },
          { startAfter: new Date(Date.now() + 3600_000) },
        );
      this.logger.log({ outBillNo, state: found.state }, 'reward bill synced');
      return found.state;
    } catch (error) {
      // Never reached WeChat (a crash before the first create): the next tap creates it.
      if (error instanceof WechatPayError && (error.code === 'NOT_FOUND' || error.code === 'RESOURCE_NOT_EXISTS'))
        return bill.state;
      throw error;
    }
  }
}
