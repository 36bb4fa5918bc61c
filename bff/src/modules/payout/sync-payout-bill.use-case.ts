import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { TransferBillClient } from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { isFinalBillState } from './domain/out-bill-no.js';
import { PayoutBillRepository } from './payout-bill.repository.js';
import { PAYOUT_QUEUES } from './payout.queues.js';
import { CreateTransferBillUseCase } from './create-transfer-bill.use-case.js';
import { TransferRateBucket } from './transfer-rate.bucket.js';

/** Jobs side of payouts: finish a deferred creation, and look a bill up when no notification came. */
@Injectable()
export class SyncPayoutBillUseCase {
  private readonly logger = new Logger('SyncPayoutBill');

  constructor(
    private readonly bills: PayoutBillRepository,
    private readonly creator: CreateTransferBillUseCase,
    private readonly client: TransferBillClient,
    private readonly bucket: TransferRateBucket,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Creates the bill WeChat was too busy (or too poor) for, with the same out_bill_no. Throws on a
   * retryable error, so pg-boss retries it with back-off (each try logged for operators).
   */
  async finishCreation(outBillNo: string): Promise<void> {
    const bill = await this.bills.find(outBillNo);
    if (!bill || bill.state !== 'CREATING') return;
    let created;
    try {
      created = await this.creator.create(bill, { retries: 0, tokenWaitMs: 5000 });
    } catch (error) {
      // Retrying an identical request WeChat refused as malformed cannot help: the error is on the
      // bill for staff (/staff/payout-problems), and the CREATING sweep abandons the bill once WeChat
      // confirms it holds none, so the customer's next tap uses a new number.
      if (error instanceof WechatPayError && error.retryClass !== 'retry_same') return;
      throw error;
    }
    await this.bills.applyState({
      outBillNo,
      state: created.state,
      transferBillNo: created.transferBillNo,
      failReason: created.failReason,
    });
    this.logger.log({ outBillNo, state: created.state }, 'deferred transfer bill created');
  }

  /** Applies WeChat's view of a bill (the query answer is as good as a notification). */
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
      if (!isFinalBillState(found.state)) {
        await this.jobs.send(PAYOUT_QUEUES.syncBill, { outBillNo }, { startAfter: new Date(Date.now() + 3600_000) });
      }
      return found.state;
    } catch (error) {
      // Never reached WeChat (crash before the first create): the next tap creates it.
      if (error instanceof WechatPayError && (error.code === 'NOT_FOUND' || error.code === 'RESOURCE_NOT_EXISTS'))
        return bill.state;
      throw error;
    }
  }
}
