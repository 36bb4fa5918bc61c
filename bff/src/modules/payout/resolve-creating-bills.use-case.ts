import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TransferBillClient } from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { PayoutBillRepository } from './payout-bill.repository.js';
import { CREATING_SETTLE_MS } from './payout.queues.js';
import { SyncPayoutBillUseCase } from './sync-payout-bill.use-case.js';
import { TransferRateBucket } from './transfer-rate.bucket.js';

export interface ResolveCreatingResult {
  /** WeChat holds the bill: its state was applied. */
  adopted: number;
  /** WeChat did not hold it and the last error (if any) was retryable: created with the same number. */
  created: number;
  /** WeChat refused it as malformed and holds no such bill: the claim is collectable anew. */
  abandoned: number;
  /** Left for the next run (WeChat unreachable, busy, or the creation failed again). */
  left: number;
}

/**
 * No bill stays `CREATING` for ever (a 拆 that failed, a crash between our insert and WeChat's
 * answer). Each one untouched for a while is looked up at WeChat by its number first, because an
 * error answer does not prove the bill was not created:
 * - WeChat holds it → its state is adopted (as if notified);
 * - WeChat holds none and the last error was retryable (or none was heard) → created again with the
 *   same number and parameters;
 * - WeChat holds none and the last error was not retryable (e.g. PARAM_ERROR) → abandoned, so that
 *   the customer's next 拆 uses a new number; the error stays on the bill for staff.
 */
@Injectable()
export class ResolveCreatingBillsUseCase {
  private readonly logger = new Logger('ResolveCreatingBills');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bills: PayoutBillRepository,
    private readonly client: TransferBillClient,
    private readonly bucket: TransferRateBucket,
    private readonly sync: SyncPayoutBillUseCase,
  ) {}

  async execute(options: { olderThanMs?: number; limit?: number } = {}): Promise<ResolveCreatingResult> {
    const untouchedSince = new Date(Date.now() - (options.olderThanMs ?? CREATING_SETTLE_MS));
    const rows = (await this.dataSource.query(
      `SELECT out_bill_no, last_error_code, last_error_retryable FROM payout_bills
        WHERE state = 'CREATING' AND updated_at < $1 ORDER BY updated_at LIMIT $2`,
      [untouchedSince, options.limit ?? 100],
    )) as { out_bill_no: string; last_error_code: string | null; last_error_retryable: boolean | null }[];
    const result: ResolveCreatingResult = { adopted: 0, created: 0, abandoned: 0, left: 0 };
    for (const row of rows) {
      if (!(await this.bucket.take(5000))) {
        result.left += rows.length - (result.adopted + result.created + result.abandoned + result.left);
        break;
      }
      let exists: boolean;
      try {
        const found = await this.client.queryByOutBillNo(row.out_bill_no);
        await this.bills.applyState({
          outBillNo: row.out_bill_no,
          state: found.state,
          transferBillNo: found.transferBillNo,
          failReason: found.failReason,
        });
        this.logger.log(
          { outBillNo: row.out_bill_no, state: found.state, lastError: row.last_error_code },
          'bill stuck in CREATING exists at WeChat: state adopted',
        );
        result.adopted += 1;
        exists = true;
      } catch (error) {
        if (!(
          error instanceof WechatPayError &&
          (error.code === 'NOT_FOUND' || error.code === 'RESOURCE_NOT_EXISTS')
        )) {
          this.logger.warn(
            { outBillNo: row.out_bill_no, err: (error as Error).message },
            'bill stuck in CREATING could not be looked up; next run retries',
          );
          result.left += 1;
          continue;
        }
        exists = false;
      }
      if (exists) continue;
      if (row.last_error_retryable === false) {
        if (await this.bills.abandon(row.out_bill_no, untouchedSince)) result.abandoned += 1;
        else result.left += 1;
        continue;
      }
      try {
        await this.sync.finishCreation(row.out_bill_no);
        const after = await this.bills.find(row.out_bill_no);
        if (after && after.state !== 'CREATING') result.created += 1;
        else result.left += 1;
      } catch (error) {
        this.logger.warn(
          { outBillNo: row.out_bill_no, err: (error as Error).message },
          'bill stuck in CREATING not created yet; next run retries',
        );
        result.left += 1;
      }
    }
    if (rows.length > 0) this.logger.log(result, 'bills stuck in CREATING resolved');
    return result;
  }
}
