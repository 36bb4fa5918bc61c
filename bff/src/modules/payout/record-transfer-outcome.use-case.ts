import { Inject, Injectable, Logger } from '@nestjs/common';
import { INTEGRATIONS_CONFIG, type IntegrationsConfig } from '../../core/config/integrations-config.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import type { VerifiedNotification, WechatPayTransferNotification } from '../../integrations/wechat-pay/index.js';
import { RecordRewardTransferOutcomeUseCase } from '../campaign/record-reward-transfer-outcome.use-case.js';
import { PayoutBillRepository } from './payout-bill.repository.js';

/**
 * MCHTRANSFER.BILL.FINISHED (SUCCESS, FAIL or CANCELLED): checked against our bill to the fen and
 * the openid, recorded once per notification id, and applied: SUCCESS marks the claim paid; FAIL
 * and CANCELLED (24 h expiry included) make it collectable again.
 */
@Injectable()
export class RecordTransferOutcomeUseCase {
  private readonly logger = new Logger('RecordTransferOutcome');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly bills: PayoutBillRepository,
    private readonly rewardOutcome: RecordRewardTransferOutcomeUseCase,
    @Inject(INTEGRATIONS_CONFIG) private readonly integrations: IntegrationsConfig,
  ) {}

  execute(notification: VerifiedNotification<WechatPayTransferNotification>): Promise<void> {
    const resource = notification.resource;
    return this.unitOfWork.run(async (tx) => {
      // A claim's bill (scene 1004) or a campaign reward's (scene 1000).
      const claimBill = await this.bills.find(resource.out_bill_no, tx.manager);
      const bill = claimBill ?? (await this.rewardOutcome.bill(resource.out_bill_no, tx.manager));
      const problems: string[] = [];
      if (!bill) problems.push('out_bill_no');
      if (resource.mchid !== this.integrations.wechatPay.mchid) problems.push('mchid');
      if (bill && resource.transfer_amount !== bill.amount_fen) problems.push('transfer_amount');
      if (bill && resource.openid !== bill.openid) problems.push('openid');
      if (problems.length > 0) {
        this.logger.error(
          { outBillNo: resource.out_bill_no, problems },
          'transfer notification does not match its bill',
        );
        throw new AppException(
          'NOTIFY_MISMATCH',
          problems.map((field) => ({ field, issue: 'does not match the bill' })),
        );
      }
      await tx.manager.query(
        `INSERT INTO payment_notifications (notification_id, event_type, out_trade_no, outcome) VALUES ($1, $2, $3, $4)
         ON CONFLICT (notification_id) DO NOTHING`,
        [notification.id, notification.eventType, resource.out_bill_no, resource.state],
      );
      const update = {
        outBillNo: resource.out_bill_no,
        state: resource.state,
        transferBillNo: resource.transfer_bill_no,
        failReason: resource.fail_reason,
      };
      if (claimBill) await this.bills.applyState(update, tx.manager);
      else await this.rewardOutcome.execute(update, tx.manager);
    });
  }
}
