import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PaymentParams } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { WechatPayError } from '../../integrations/wechat-pay/wechat-pay.error.js';
import { WechatPayGateway } from '../../integrations/wechat-pay/wechat-pay.gateway.js';
import type { OrderRow } from './order.record.js';

/**
 * The JSAPI order behind an order: placed (or re-placed) outside any transaction, its prepay kept
 * on the order. Re-placing the same out_trade_no with the same parameters is idempotent at WeChat
 * and yields a fresh prepay_id, so an order never needs a second out_trade_no to be paid.
 */
@Injectable()
export class OrderPrepay {
  private readonly logger = new Logger('OrderPrepay');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pay: WechatPayGateway,
  ) {}

  async place(order: OrderRow, openid: string, productName: string): Promise<PaymentParams> {
    let payment;
    try {
      payment = await this.pay.createJsapiOrder({
        outTradeNo: order.order_no,
        description: productName.slice(0, 120),
        amountFen: order.amount_fen,
        openid,
        timeExpire: order.expires_at,
      });
    } catch (error) {
      this.logger.warn(
        {
          orderNo: order.order_no,
          code: (error as WechatPayError).code,
          retryClass: (error as WechatPayError).retryClass,
        },
        'JSAPI order failed',
      );
      throw new AppException('PAYMENT_UNAVAILABLE');
    }
    await this.dataSource.query(`UPDATE orders SET prepay_id = $2, updated_at = now() WHERE id = $1`, [
      order.id,
      payment.prepayId,
    ]);
    const { prepayId: _prepayId, ...params } = payment;
    return params;
  }

  /** The requestPayment parameters of the prepay the order already has (valid 2 h; an order is open 30 min). */
  paramsOf(prepayId: string): PaymentParams {
    return this.pay.requestPaymentParams(prepayId);
  }
}
