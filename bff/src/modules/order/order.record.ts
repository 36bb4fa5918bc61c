import type { Order, OrderStatus } from '@xiaoan/shared';

export interface OrderRow {
  id: string;
  order_no: string;
  customer_id: string;
  quote_id: string;
  product_version_id: string;
  flight_id: string;
  amount_fen: number;
  payout_fen: number;
  status: OrderStatus;
  insured_name_masked: string;
  insured_id_index: string;
  request_hash: string;
  prepay_id: string | null;
  refund_reason: string | null;
  expires_at: Date;
  created_at: Date;
}

export const ORDER_COLUMNS = `o.id, o.order_no, o.customer_id, o.quote_id, o.product_version_id, o.flight_id, o.amount_fen,
  o.payout_fen, o.status, o.insured_name_masked, o.insured_id_index, o.request_hash, o.prepay_id, o.refund_reason,
  o.expires_at, o.created_at`;

export const toOrder = (
  row: OrderRow,
  extra: { productCode: string; productName: string; policyNo: string | null; payment: Order['payment'] },
): Order => ({
  id: row.id,
  orderNo: row.order_no,
  status: row.status,
  amountFen: row.amount_fen,
  productCode: extra.productCode,
  productName: extra.productName,
  insuredNameMasked: row.insured_name_masked,
  expiresAt: row.expires_at.toISOString(),
  policyNo: extra.policyNo,
  refundReason: row.refund_reason,
  payment: extra.payment,
});
