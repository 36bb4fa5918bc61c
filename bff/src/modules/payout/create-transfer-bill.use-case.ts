import { Injectable, Logger } from '@nestjs/common';
import {
  TransferBillClient,
  insuranceClaimReportInfos,
  type TransferBill,
} from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import type { PayoutBillRow } from './payout-bill.repository.js';
import { PayoutBillRepository } from './payout-bill.repository.js';
import { TransferRateBucket } from './transfer-rate.bucket.js';

export class PayoutBusyError extends Error {
  override readonly name = 'PayoutBusyError';
  constructor(
    readonly reason: 'rate_limited' | 'retryable',
    readonly code: string,
    readonly backoffMs: number,
  ) {
    super(`transfer bill creation deferred: ${code}`);
  }
}

export interface CreateOptions {
  /** Identical retries on 429 / 500 / NOT_ENOUGH before giving up (inline: few; jobs: none, pg-boss retries). */
  retries: number;
  /** How long to wait for a token of the shared 100/s bucket. */
  tokenWaitMs: number;
}

/**
 * Creates (or re-creates, with the same out_bill_no and the same parameters) the scene-1004 bill of a
 * claim attempt. Each call takes a token of the PostgreSQL bucket first. 429, 500 and NOT_ENOUGH are
 * retried with the same number after a back-off and logged for operators (NOT_ENOUGH: top up the
 * operating account); when the retries are spent, PayoutBusyError.
 */
@Injectable()
export class CreateTransferBillUseCase {
  private readonly logger = new Logger('TransferBills');

  constructor(
    private readonly client: TransferBillClient,
    private readonly bucket: TransferRateBucket,
    private readonly versions: ProductVersionCache,
    private readonly bills: PayoutBillRepository,
  ) {}

  async create(bill: PayoutBillRow, options: CreateOptions): Promise<TransferBill> {
    const version = await this.versions.byVersionId(bill.product_version_id);
    if (!version) throw new Error(`claim ${bill.claim_no} has no product version`);
    for (let attempt = 0; ; attempt += 1) {
      if (!(await this.bucket.take(options.tokenWaitMs))) {
        this.logger.warn({ outBillNo: bill.out_bill_no }, 'transfer bill creation waits: the 100/s bucket is empty');
        throw new PayoutBusyError('rate_limited', 'LOCAL_RATE_LIMIT', 1000);
      }
      try {
        // Every parameter is a function of the claim: WeChat refuses the same number with other
        // parameters ("单号已存在但信息不一致"), and answers the same bill for the same ones.
        return await this.client.create({
          outBillNo: bill.out_bill_no,
          openid: bill.openid,
          amountFen: bill.amount_fen,
          remark: `${version.productName}理赔款`.slice(0, 32),
          reportInfos: insuranceClaimReportInfos({
            productFilingNo: version.filingNo,
            productName: version.productName.slice(0, 32),
            claimNo: bill.claim_no,
          }),
        });
      } catch (error) {
        if (!(error instanceof WechatPayError)) throw error;
        await this.bills.recordError(bill.out_bill_no, {
          code: error.code,
          message: error.message,
          retryable: error.retryClass === 'retry_same',
        });
        if (error.retryClass !== 'retry_same') {
          this.logger.error(
            { outBillNo: bill.out_bill_no, code: error.code, httpStatus: error.httpStatus },
            'transfer bill refused: the request needs fixing',
          );
          throw error;
        }
        const backoffMs = Math.max(error.suggestedBackoffMs, 200) * 2 ** attempt;
        this.logger.warn(
          {
            outBillNo: bill.out_bill_no,
            code: error.code,
            attempt: attempt + 1,
            backoffMs,
            action:
              error.code === 'NOT_ENOUGH'
                ? 'top up the operating account (运营账户)'
                : 'retry with the same out_bill_no',
          },
          'transfer bill creation failed; retrying with the same out_bill_no',
        );
        if (attempt >= options.retries) throw new PayoutBusyError('retryable', error.code, backoffMs);
        await new Promise((resolve) => setTimeout(resolve, Math.min(backoffMs, 500)));
      }
    }
  }
}
