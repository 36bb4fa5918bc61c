import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PaymentMismatchProblem, StaffPaymentMismatch } from '@xiaoan/shared';
import { ProductVersionCache } from '../catalog/product-version.cache.js';

interface MismatchRow {
  order_id: string;
  order_no: string;
  product_version_id: string;
  amount_fen: number;
  source: 'notification' | 'query';
  notification_id: string | null;
  problems: PaymentMismatchProblem[];
  transaction_id: string | null;
  paid_fen: number | null;
  currency: string | null;
  detected_at: Date;
  refund_no: string | null;
  refund_amount_fen: number | null;
  refund_status: NonNullable<StaffPaymentMismatch['refund']>['status'] | null;
  refund_reason: string | null;
}

/** Payments that did not match their order, newest first, with their refund (support's money desk). */
@Injectable()
export class ListPaymentMismatchesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
  ) {}

  async execute(limit: number): Promise<StaffPaymentMismatch[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.order_id, o.order_no, o.product_version_id, o.amount_fen, m.source, m.notification_id, m.problems, m.transaction_id,
              m.paid_fen, m.currency, m.detected_at, r.refund_no, r.amount_fen AS refund_amount_fen, r.status AS refund_status,
              r.reason AS refund_reason
         FROM payment_mismatches m JOIN orders o ON o.id = m.order_id LEFT JOIN refunds r ON r.id = m.refund_id
        ORDER BY m.detected_at DESC, o.order_no DESC LIMIT $1`,
      [limit],
    )) as MismatchRow[];
    return Promise.all(
      rows.map(async (row) => ({
        orderId: row.order_id,
        orderNo: row.order_no,
        productName: (await this.versions.byVersionId(row.product_version_id))?.productName ?? '',
        source: row.source,
        problems: row.problems,
        expectedFen: row.amount_fen,
        paidFen: row.paid_fen,
        currency: row.currency,
        payerMatches: !row.problems.includes('payer'),
        transactionId: row.transaction_id,
        notificationId: row.notification_id,
        detectedAt: row.detected_at.toISOString(),
        refund:
          row.refund_no !== null
            ? {
                refundNo: row.refund_no,
                amountFen: row.refund_amount_fen!,
                status: row.refund_status!,
                reason: row.refund_reason!,
              }
            : null,
      })),
    );
  }
}
