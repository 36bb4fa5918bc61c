import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { WechatPayGateway } from '../../integrations/wechat-pay/wechat-pay.gateway.js';
import { SettlePaidOrderUseCase } from './settle-paid-order.use-case.js';

/**
 * The safety net under notifications: WeChat may never deliver one (15 failed retries), so unpaid
 * orders are queried. Paid → settled exactly as a notification would (a payment that does not match
 * its order included: the order leaves `pending_payment` as `payment_mismatch`, refunded, so it is
 * never queried again); expired and unpaid → closed at WeChat first (so it can no longer be paid),
 * then here.
 */
@Injectable()
export class ReconcileOrdersUseCase {
  private readonly logger = new Logger('ReconcileOrders');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly pay: WechatPayGateway,
    private readonly settle: SettlePaidOrderUseCase,
  ) {}

  async execute(
    now = new Date(),
    olderThanMs = 60_000,
    limit = 200,
  ): Promise<{ settled: number; mismatched: number; closed: number }> {
    const pending = (await this.unitOfWork.run(({ manager }) =>
      manager.query(
        `SELECT order_no, expires_at FROM orders
          WHERE status = 'pending_payment' AND prepay_id IS NOT NULL AND created_at < $1
          ORDER BY created_at LIMIT $2`,
        [new Date(now.getTime() - olderThanMs), limit],
      ),
    )) as { order_no: string; expires_at: Date }[];
    let settled = 0;
    let mismatched = 0;
    let closed = 0;
    for (const order of pending) {
      try {
        const transaction = await this.pay.queryOrder(order.order_no);
        if (transaction.trade_state === 'SUCCESS') {
          if ((await this.settle.execute(transaction, null, now)) === 'mismatch') mismatched += 1;
          else settled += 1;
        } else if (order.expires_at.getTime() <= now.getTime() && transaction.trade_state !== 'USERPAYING') {
          await this.pay.closeOrder(order.order_no);
          await this.unitOfWork.run(({ manager }) =>
            manager.query(
              `UPDATE orders SET status = 'closed', updated_at = now() WHERE order_no = $1 AND status = 'pending_payment'`,
              [order.order_no],
            ),
          );
          closed += 1;
        }
      } catch (error) {
        if (
          error instanceof WechatPayError &&
          error.code === 'ORDER_NOT_EXIST' &&
          order.expires_at.getTime() <= now.getTime()
        ) {
          await this.unitOfWork.run(({ manager }) =>
            manager.query(
              `UPDATE orders SET status = 'closed', updated_at = now() WHERE order_no = $1 AND status = 'pending_payment'`,
              [order.order_no],
            ),
          );
          closed += 1;
          continue;
        }
        this.logger.warn(
          { orderNo: order.order_no, err: (error as Error).message },
          'reconciliation of an order failed; next run retries',
        );
      }
    }
    if (settled + mismatched + closed > 0) this.logger.log({ settled, mismatched, closed }, 'orders reconciled');
    return { settled, mismatched, closed };
  }
}
