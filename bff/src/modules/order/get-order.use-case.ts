import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Order } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { WechatPayGateway } from '../../integrations/wechat-pay/wechat-pay.gateway.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { ORDER_COLUMNS, toOrder, type OrderRow } from './order.record.js';

/** One of the customer's own orders: what the result page polls after paying. */
@Injectable()
export class GetOrderUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    private readonly pay: WechatPayGateway,
  ) {}

  async execute(customerId: string, orderId: string): Promise<Order> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS}, p.policy_no FROM orders o LEFT JOIN policies p ON p.order_id = o.id
        WHERE o.id = $1 AND o.customer_id = $2`,
      [orderId, customerId],
    )) as (OrderRow & { policy_no: string | null })[];
    const row = rows[0];
    if (!row) throw new AppException('ORDER_NOT_FOUND');
    const version = await this.versions.byVersionId(row.product_version_id);
    return toOrder(row, {
      productCode: version?.productCode ?? '',
      productName: version?.productName ?? '',
      policyNo: row.policy_no,
      // A reloaded pay page can still pay while the order is open (the prepay lives 2 h, the order 30 min).
      payment:
        row.status === 'pending_payment' && row.prepay_id && row.expires_at.getTime() > Date.now()
          ? this.pay.requestPaymentParams(row.prepay_id)
          : null,
    });
  }
}
