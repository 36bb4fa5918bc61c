import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Order } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { OrderPrepay } from './order-prepay.js';
import { ORDER_COLUMNS, toOrder, type OrderRow } from './order.record.js';

/**
 * 继续支付 from 我的订单: the same order, never a second one. While its payment window is open, the
 * prepay it has is handed out again; an order whose JSAPI order was never placed (WeChat Pay was
 * unavailable when it was made) gets one now, for the same out_trade_no. Past the window it is
 * refused: the reconciliation closes it at WeChat, and nothing was charged.
 */
@Injectable()
export class ResumeOrderPaymentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly prepay: OrderPrepay,
  ) {}

  async execute(customer: { customerId: string; openid: string }, orderId: string, now = new Date()): Promise<Order> {
    const [order] = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1 AND o.customer_id = $2`,
      [orderId, customer.customerId],
    )) as OrderRow[];
    if (!order) throw new AppException('ORDER_NOT_FOUND');
    if (order.status !== 'pending_payment') throw new AppException('ORDER_NOT_PAYABLE');
    if (order.expires_at.getTime() <= now.getTime()) throw new AppException('ORDER_PAYMENT_EXPIRED');
    const version = await this.versions.byVersionId(order.product_version_id);
    const productName = version?.productName ?? '';
    const payment = order.prepay_id
      ? this.prepay.paramsOf(order.prepay_id)
      : await this.prepay.place(order, customer.openid, productName);
    return toOrder(order, { productCode: version?.productCode ?? '', productName, policyNo: null, payment });
  }
}
