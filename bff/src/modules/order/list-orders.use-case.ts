import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrderStatus, OrderSummary } from '@xiaoan/shared';
import { productKindOfTerms } from '../../products/index.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';

interface OrderListRow {
  id: string;
  order_no: string;
  status: OrderStatus;
  amount_fen: number;
  product_version_id: string;
  insured_name_masked: string;
  created_at: Date;
  expires_at: Date;
  refund_reason: string | null;
  policy_no: string | null;
  flight_no: string | null;
  flight_date: string | null;
  place_name: string | null;
  units: number | null;
  cover_start_date: string | null;
  cover_end_date: string | null;
}

/** Why an order ended where it did, in the customer's words. */
export const ORDER_CLOSED_REASON = '超时未支付，订单已关闭，未扣款';
export const ORDER_EXPIRED_REASON = '已超过支付时间，未扣款';

/** 我的订单: the customer's orders, newest first, including unpaid, closed and refunded ones. */
@Injectable()
export class ListOrdersUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
  ) {}

  async execute(customerId: string, now = new Date()): Promise<OrderSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT o.id, o.order_no, o.status, o.amount_fen, o.product_version_id, o.insured_name_masked, o.created_at, o.expires_at,
              o.refund_reason, p.policy_no, f.flight_no, to_char(f.flight_date, 'YYYY-MM-DD') AS flight_date, w.name AS place_name, o.units,
              to_char(o.cover_start_date, 'YYYY-MM-DD') AS cover_start_date, to_char(o.cover_end_date, 'YYYY-MM-DD') AS cover_end_date
         FROM orders o LEFT JOIN policies p ON p.order_id = o.id LEFT JOIN flights f ON f.id = o.flight_id
         LEFT JOIN weather_places w ON w.code = o.place_code
        WHERE o.customer_id = $1 ORDER BY o.created_at DESC LIMIT 200`,
      [customerId],
    )) as OrderListRow[];
    return Promise.all(
      rows.map(async (row) => {
        const version = await this.versions.byVersionId(row.product_version_id);
        const open = row.expires_at.getTime() > now.getTime();
        const payable = row.status === 'pending_payment' && open;
        return {
          id: row.id,
          orderNo: row.order_no,
          status: row.status,
          amountFen: row.amount_fen,
          productCode: version?.productCode ?? '',
          productName: version?.productName ?? '',
          subject: version
            ? productKindOfTerms(version.terms).orderLine({
                flightNo: row.flight_no,
                flightDate: row.flight_date,
                placeName: row.place_name,
                units: row.units,
                coverStartDate: row.cover_start_date,
                coverEndDate: row.cover_end_date,
              })
            : '',
          insuredNameMasked: row.insured_name_masked,
          createdAt: row.created_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
          policyNo: row.policy_no,
          payable,
          statusReason:
            row.status === 'refunding' || row.status === 'refunded' || row.status === 'payment_mismatch'
              ? row.refund_reason
              : row.status === 'closed'
                ? ORDER_CLOSED_REASON
                : row.status === 'pending_payment' && !open
                  ? ORDER_EXPIRED_REASON
                  : null,
        };
      }),
    );
  }
}
