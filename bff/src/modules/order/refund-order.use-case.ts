import { Injectable, Logger } from '@nestjs/common';
import { rowsOf } from '../../core/database/rows-of.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { WechatPayGateway } from '../../integrations/wechat-pay/wechat-pay.gateway.js';
import type { WechatPayRefund, WechatPayRefundNotification } from '../../integrations/wechat-pay/wechat-pay.schemas.js';

interface RefundRow {
  id: string;
  refund_no: string;
  amount_fen: number;
  /** The transaction's total when it differs from the order's premium (a mismatched payment). */
  total_fen: number | null;
  reason: string;
  status: string;
  order_no: string;
  order_amount_fen: number;
}

/**
 * The full refund of a paid order that could not be issued, or of a payment that did not match its
 * order (what was actually paid). Runs as a job after the settling
 * transaction commits; out_refund_no comes from the refund record, so a retry can never refund
 * twice (WeChat refunds one out_refund_no once).
 */
@Injectable()
export class RefundOrderUseCase {
  private readonly logger = new Logger('RefundOrder');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly pay: WechatPayGateway,
  ) {}

  async execute(refundId: string): Promise<void> {
    const [refund] = (await this.unitOfWork.run(({ manager }) =>
      manager.query(
        `SELECT r.id, r.refund_no, r.amount_fen, r.total_fen, r.reason, r.status, o.order_no, o.amount_fen AS order_amount_fen
           FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.id = $1`,
        [refundId],
      ),
    )) as RefundRow[];
    if (!refund || refund.status === 'succeeded' || refund.status === 'closed') return;
    // Errors propagate: the job is retried with backoff and the same out_refund_no.
    const result = await this.pay.refund({
      outTradeNo: refund.order_no,
      outRefundNo: refund.refund_no,
      refundFen: refund.amount_fen,
      totalFen: refund.total_fen ?? refund.order_amount_fen,
      reason: refund.reason.slice(0, 80),
    });
    await this.record(result);
  }

  /** A refund answer or REFUND.* notification moves the refund and its order forward. */
  async record(
    result: Pick<WechatPayRefund, 'out_refund_no' | 'status' | 'refund_id'> | WechatPayRefundNotification,
  ): Promise<void> {
    const status = 'refund_status' in result ? result.refund_status : result.status;
    const mapped = { SUCCESS: 'succeeded', CLOSED: 'closed', PROCESSING: 'processing', ABNORMAL: 'abnormal' }[status];
    await this.unitOfWork.run(async ({ manager }) => {
      const rows = rowsOf<{ order_id: string }>(
        await manager.query(
          `UPDATE refunds SET status = $2::varchar, wechat_refund_id = $3,
                completed_at = CASE WHEN $2::varchar IN ('succeeded', 'closed', 'abnormal') THEN now() ELSE completed_at END
          WHERE refund_no = $1 AND status NOT IN ('succeeded', 'closed') RETURNING order_id`,
          [result.out_refund_no, mapped, result.refund_id],
        ),
      );
      if (rows[0] && mapped === 'succeeded') {
        // A payment_mismatch order keeps its status (the refund's own status says it went back).
        await manager.query(
          `UPDATE orders SET status = 'refunded', updated_at = now() WHERE id = $1 AND status = 'refunding'`,
          [rows[0].order_id],
        );
        this.logger.log({ refundNo: result.out_refund_no }, 'premium refunded');
      }
      if (rows[0] && (mapped === 'abnormal' || mapped === 'closed')) {
        // ABNORMAL: the buyer's card or account can no longer receive it; operators must act.
        this.logger.error({ refundNo: result.out_refund_no, status }, 'refund needs an operator');
      }
    });
  }
}
