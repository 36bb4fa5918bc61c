import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CollectClaimResponse } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { TransferBill } from '../../integrations/wechat-pay/transfer-bill.client.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { ChangeClaimPayoutUseCase } from '../claim/change-claim-payout.use-case.js';
import { isUuid } from '../claim/claim.queries.js';
import { COLLECTABLE_STATUSES } from '../claim/domain/claim-view.js';
import { isReofferableBillState, outBillNoOf } from './domain/out-bill-no.js';
import { PayoutBillRepository, type PayoutBillRow } from './payout-bill.repository.js';
import { BILL_SYNC_AFTER_MS, PAYOUT_QUEUES } from './payout.queues.js';
import { PayoutBusyError, CreateTransferBillUseCase } from './create-transfer-bill.use-case.js';

/** Inline, the customer is waiting on 拆红包: one identical retry, then a job finishes it. */
const INLINE = { retries: 1, tokenWaitMs: 1000 };

/**
 * 拆红包: the claim's current transfer bill is created, or re-created under the same out_bill_no
 * (WeChat answers the same bill with a fresh package_info), and its package goes back to the
 * weapp for wx.requestMerchantTransfer. A new bill number (attempt + 1) is used only once the
 * current bill is known to be FAIL or CANCELLED (24 h expiry included).
 *
 * The attempt row is committed before WeChat is called, so a crash at any point leaves a bill
 * number that the next tap (or the create job) re-creates identically: never a second payment.
 * While that bill is still `CREATING` the claim stays collectable for its amount (a failed 拆 never
 * hides the money), and ResolveCreatingBillsUseCase finishes or abandons it if nobody taps again.
 */
@Injectable()
export class CollectClaimUseCase {
  private readonly logger = new Logger('CollectClaim');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly creator: CreateTransferBillUseCase,
    private readonly bills: PayoutBillRepository,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
    private readonly clock: Clock,
    private readonly claims: ChangeClaimPayoutUseCase,
  ) {}

  async execute(customer: { customerId: string; openid: string }, claimId: string): Promise<CollectClaimResponse> {
    if (!isUuid(claimId)) throw new AppException('CLAIM_NOT_FOUND');
    // Two rounds at most: the current bill may turn out to have ended (FAIL / CANCELLED) when
    // re-created, and then the next attempt is created straight away.
    for (let round = 0; round < 2; round += 1) {
      const bill = await this.currentBill(customer.customerId, claimId);
      let created: TransferBill;
      try {
        created = await this.creator.create(bill, INLINE);
      } catch (error) {
        if (error instanceof PayoutBusyError) {
          await this.unitOfWork.run((tx) =>
            tx.enqueue(
              PAYOUT_QUEUES.createBill,
              { outBillNo: bill.out_bill_no },
              { singletonKey: bill.out_bill_no, startAfter: new Date(Date.now() + error.backoffMs) },
            ),
          );
          throw new AppException('PAYOUT_BUSY', { retryAfterSeconds: Math.ceil(error.backoffMs / 1000) });
        }
        if (error instanceof WechatPayError) throw new AppException('PAYOUT_UNAVAILABLE');
        throw error;
      }
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
      // SUCCESS (already paid) or in flight (TRANSFERING…): nothing to open now.
      this.logger.log(
        { outBillNo: bill.out_bill_no, state: created.state },
        'collect found the bill past confirmation',
      );
      throw new AppException(created.state === 'SUCCESS' ? 'CLAIM_NOT_COLLECTABLE' : 'PAYOUT_BUSY');
    }
    throw new AppException('PAYOUT_BUSY');
  }

  /** Locks the claim and returns its current attempt, opening attempt n+1 if attempt n ended unpaid. */
  private currentBill(customerId: string, claimId: string): Promise<PayoutBillRow> {
    return this.unitOfWork.run(async (tx) => {
      const [claim] = (await tx.manager.query(
        `SELECT c.id, c.claim_no, c.status, c.amount_fen, c.paid_fen, c.payout_attempt, c.product_version_id, cu.openid, b.out_bill_no, b.state AS bill_state,
                b.amount_fen AS bill_amount_fen
           FROM claims c JOIN customers cu ON cu.id = c.customer_id
           LEFT JOIN payout_bills b ON b.claim_id = c.id AND b.attempt = c.payout_attempt
          WHERE c.id = $1 AND c.customer_id = $2
          FOR UPDATE OF c`,
        [claimId, customerId],
      )) as {
        id: string;
        claim_no: string;
        status: string;
        amount_fen: number;
        paid_fen: number;
        payout_attempt: number;
        bill_amount_fen: number | null;
        product_version_id: string;
        openid: string;
        out_bill_no: string | null;
        bill_state: string | null;
      }[];
      if (!claim) throw new AppException('CLAIM_NOT_FOUND');
      if (!(COLLECTABLE_STATUSES as readonly string[]).includes(claim.status))
        throw new AppException('CLAIM_NOT_COLLECTABLE', { status: claim.status });
      const base = {
        claim_id: claim.id,
        claim_no: claim.claim_no,
        product_version_id: claim.product_version_id,
        openid: claim.openid,
      };
      // The current bill stands until it ends: reopened as long as it waits, never doubled.
      if (
        claim.out_bill_no &&
        claim.bill_state &&
        !isReofferableBillState(claim.bill_state) &&
        claim.bill_state !== 'SUCCESS'
      ) {
        // A bill WeChat has not created yet is touched before it is tried again, so that the sweep
        // never abandons a bill while a 拆 is creating it (ResolveCreatingBillsUseCase).
        if (claim.bill_state === 'CREATING') {
          await tx.manager.query(
            `UPDATE payout_bills SET updated_at = now() WHERE out_bill_no = $1 AND state = 'CREATING'`,
            [claim.out_bill_no],
          );
        }
        return {
          ...base,
          amount_fen: claim.bill_amount_fen!,
          out_bill_no: claim.out_bill_no,
          attempt: claim.payout_attempt,
          state: claim.bill_state,
        };
      }
      // A new bill for what has been earned and not paid: after FAIL / CANCELLED the same balance,
      // after SUCCESS what a growing (HEAT37) claim has earned since.
      const balance = claim.amount_fen - claim.paid_fen;
      if (balance <= 0) throw new AppException('CLAIM_NOT_COLLECTABLE', { status: claim.status });
      const attempt = claim.payout_attempt + 1;
      const outBillNo = outBillNoOf(claim.claim_no, attempt);
      await tx.manager.query(
        `INSERT INTO payout_bills (out_bill_no, claim_id, attempt, amount_fen, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [outBillNo, claim.id, attempt, balance, this.clock.now()],
      );
      await this.claims.startAttempt(tx, claim.id, attempt);
      // If neither the notification nor the user comes back, look the bill up after its 24 h.
      await tx.enqueue(
        PAYOUT_QUEUES.syncBill,
        { outBillNo },
        { singletonKey: `sync:${outBillNo}`, startAfter: new Date(Date.now() + BILL_SYNC_AFTER_MS) },
      );
      this.logger.log({ claimNo: claim.claim_no, outBillNo, attempt }, 'payout attempt opened');
      return { ...base, amount_fen: balance, out_bill_no: outBillNo, attempt, state: 'CREATING' };
    });
  }
}
