import { Injectable, Logger } from '@nestjs/common';
import { assertClaimTransition, type ClaimStatus, type ReofferPayoutResponse } from '@xiaoan/shared';
import { UnitOfWork, type Transaction } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { ChangeClaimPayoutUseCase } from '../claim/change-claim-payout.use-case.js';
import { isUuid } from '../claim/claim.queries.js';
import { CLAIM_QUEUES } from '../claim/claim.queues.js';
import { isFinalBillState, isReofferableBillState, outBillNoOf } from './domain/out-bill-no.js';
import { BILL_SYNC_AFTER_MS, PAYOUT_QUEUES } from './payout.queues.js';
import { SyncPayoutBillUseCase } from './sync-payout-bill.use-case.js';

export interface ReofferPayoutCommand {
  claimId: string;
  /** The attempt whose bill is being replaced: a repeated request re-offers once. */
  attempt: number;
  requestedBy: string;
}

interface ClaimBill {
  id: string;
  claim_no: string;
  status: ClaimStatus;
  amount_fen: number;
  paid_fen: number;
  payout_attempt: number;
  out_bill_no: string | null;
  bill_state: string | null;
}

/** Claim statuses whose red packet may be re-offered by customer service. */
const REOFFERABLE_CLAIM_STATUSES: readonly ClaimStatus[] = ['offered', 'failed', 'expired'];

/**
 * Customer service re-offers a red packet whose transfer bill closed unconfirmed (24 h expiry) or
 * failed. Only once WeChat says the previous bill is final: its state is asked of WeChat (the
 * answer applied as if notified) unless a verified notification or query already said so. SUCCESS
 * means it was paid after all (nothing re-offered); a bill still waiting is refused. Then, in one
 * transaction: attempt n+1 is opened under its derived bill number (created at WeChat when the
 * customer taps 拆, exactly as CollectClaimUseCase does), the claim is collectable again and the
 * customer is told (理赔到账提醒, if they allowed one more message).
 */
@Injectable()
export class ReofferPayoutUseCase {
  private readonly logger = new Logger('ReofferPayout');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bills: SyncPayoutBillUseCase,
    private readonly claims: ChangeClaimPayoutUseCase,
  ) {}

  async execute(
    command: ReofferPayoutCommand,
    alsoInTransaction?: (tx: Transaction, result: ReofferPayoutResponse) => Promise<void>,
  ): Promise<ReofferPayoutResponse> {
    if (!isUuid(command.claimId)) throw new AppException('CLAIM_NOT_FOUND');
    const before = await this.unitOfWork.run((tx) => this.load(tx, command.claimId, false));
    const replayed = await this.replayed(before, command.attempt);
    if (replayed) return replayed;
    if (
      !REOFFERABLE_CLAIM_STATUSES.includes(before.status) ||
      before.payout_attempt !== command.attempt ||
      !before.out_bill_no
    ) {
      throw new AppException('PAYOUT_NOT_REOFFERABLE', {
        status: before.status,
        currentAttempt: before.payout_attempt,
      });
    }
    let state = before.bill_state!;
    if (!isFinalBillState(state)) {
      try {
        state = (await this.bills.sync(before.out_bill_no)) ?? state;
      } catch (error) {
        if (error instanceof WechatPayError) throw new AppException('PAYOUT_UNAVAILABLE');
        throw error;
      }
    }
    if (state === 'SUCCESS') throw new AppException('PAYOUT_ALREADY_PAID', { outBillNo: before.out_bill_no });
    if (!isReofferableBillState(state))
      throw new AppException('PAYOUT_BILL_NOT_FINAL', { outBillNo: before.out_bill_no, state });

    return this.unitOfWork.run(async (tx) => {
      const claim = await this.load(tx, command.claimId, true);
      // Someone else re-offered meanwhile: the same answer as theirs.
      if (claim.payout_attempt !== command.attempt) {
        const again = await this.replayed(claim, command.attempt, tx);
        if (again) return again;
        throw new AppException('PAYOUT_NOT_REOFFERABLE', { currentAttempt: claim.payout_attempt });
      }
      if (!isReofferableBillState(claim.bill_state ?? ''))
        throw new AppException('PAYOUT_BILL_NOT_FINAL', { state: claim.bill_state });
      const balance = claim.amount_fen - claim.paid_fen;
      if (balance <= 0) throw new AppException('PAYOUT_NOT_REOFFERABLE', { status: claim.status });
      assertClaimTransition(claim.status, 'approved');
      const attempt = claim.payout_attempt + 1;
      const outBillNo = outBillNoOf(claim.claim_no, attempt);
      await tx.manager.query(
        `INSERT INTO payout_bills (out_bill_no, claim_id, attempt, amount_fen) VALUES ($1, $2, $3, $4)`,
        [outBillNo, claim.id, attempt, balance],
      );
      await this.claims.reoffer(tx, claim.id, attempt);
      await tx.enqueue(
        PAYOUT_QUEUES.syncBill,
        { outBillNo },
        { singletonKey: `sync:${outBillNo}`, startAfter: new Date(Date.now() + BILL_SYNC_AFTER_MS) },
      );
      await tx.enqueue(CLAIM_QUEUES.notifyApproved, { claimIds: [claim.id] });
      const result: ReofferPayoutResponse = {
        claimNo: claim.claim_no,
        previousOutBillNo: claim.out_bill_no!,
        previousState: claim.bill_state!,
        attempt,
        outBillNo,
        reoffered: true,
      };
      await alsoInTransaction?.(tx, result);
      this.logger.log(
        { claimNo: claim.claim_no, previous: claim.out_bill_no, outBillNo, requestedBy: command.requestedBy },
        'payout re-offered by customer service',
      );
      return result;
    });
  }

  private async load(tx: Transaction, claimId: string, lock: boolean): Promise<ClaimBill> {
    const [claim] = (await tx.manager.query(
      `SELECT c.id, c.claim_no, c.status, c.amount_fen, c.paid_fen, c.payout_attempt, b.out_bill_no, b.state AS bill_state
         FROM claims c LEFT JOIN payout_bills b ON b.claim_id = c.id AND b.attempt = c.payout_attempt
        WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [claimId],
    )) as ClaimBill[];
    if (!claim) throw new AppException('CLAIM_NOT_FOUND');
    return claim;
  }

  /** The answer to a request for an attempt that was already replaced. */
  private async replayed(claim: ClaimBill, attempt: number, tx?: Transaction): Promise<ReofferPayoutResponse | null> {
    if (claim.payout_attempt <= attempt) return null;
    const run = async (manager: Transaction['manager']) =>
      (await manager.query(`SELECT out_bill_no, state FROM payout_bills WHERE claim_id = $1 AND attempt = $2`, [
        claim.id,
        attempt,
      ])) as {
        out_bill_no: string;
        state: string;
      }[];
    const [previous] = tx ? await run(tx.manager) : await this.unitOfWork.run((inner) => run(inner.manager));
    if (!previous || !isReofferableBillState(previous.state)) return null;
    return {
      claimNo: claim.claim_no,
      previousOutBillNo: previous.out_bill_no,
      previousState: previous.state,
      attempt: attempt + 1,
      outBillNo: outBillNoOf(claim.claim_no, attempt + 1),
      reoffered: false,
    };
  }
}
