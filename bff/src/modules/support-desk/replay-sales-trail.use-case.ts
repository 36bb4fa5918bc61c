import { Injectable } from '@nestjs/common';
import type { ReplayStep, SalesReplay } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.js';

/** What each recorded step was, in the words of the compliance review. */
const BUYER_STEP_TITLES: Record<string, string> = {
  page_view: '浏览页面',
  exclusions_confirmed: '确认已阅读免责条款',
  form_submitted: '提交投保信息',
  payment_started: '发起支付',
  payment_result: '支付结果',
};

/**
 * 可回溯 (compliance.md row 2): a policy's sale replayed step by step — the buyer's own trail
 * (pages with time on page, the exclusions-read confirmation, submission, payment) merged in time
 * with what the server recorded (order placed, payment confirmed by WeChat Pay, policy issued) —
 * beside the exact product version sold (immutable: clauses and exclusions word for word).
 */
@Injectable()
export class ReplaySalesTrailUseCase {
  constructor(
    private readonly repository: Customer360Repository,
    private readonly versions: ProductVersionCache,
    private readonly audit: DeskAudit,
  ) {}

  async execute(staff: AuthenticatedStaff, policyNo: string): Promise<SalesReplay> {
    const row = await this.repository.replay(policyNo);
    if (!row) throw new AppException('POLICY_NOT_FOUND');
    const version = await this.versions.byVersionId(row.product_version_id);
    if (!version) throw new Error(`policy ${policyNo} has no product version`);
    const buyer: ReplayStep[] = (row.trail ?? []).map((event) => ({
      at: new Date(event.at).toISOString(),
      source: 'buyer',
      type: event.type,
      title: BUYER_STEP_TITLES[event.type] ?? event.type,
      page: event.page,
      durationMs: event.duration_ms,
      detail: event.detail,
    }));
    const created = new Date(row.order_created_at);
    const server: { step: ReplayStep; sortAt: number }[] = [
      { step: { at: created.toISOString(), source: 'server', type: 'order_created', title: '生成订单', page: null, durationMs: null, detail: `订单号 ${row.order_no}` }, sortAt: created.getTime() },
      ...(row.paid_at
        ? [
            {
              step: { at: new Date(row.paid_at).toISOString(), source: 'server' as const, type: 'payment_confirmed', title: '微信支付确认收款', page: null, durationMs: null, detail: '时间为微信支付记录的支付完成时间（精确到秒）' },
              // WeChat states the payment time in whole seconds: it can read a little earlier than the
              // order it paid, which it cannot precede. Shown as stated, placed after the order.
              sortAt: Math.max(new Date(row.paid_at).getTime(), created.getTime()),
            },
          ]
        : []),
      { step: { at: new Date(row.issued_at).toISOString(), source: 'server', type: 'policy_issued', title: '保单生效', page: null, durationMs: null, detail: `保单号 ${row.policy_no}` }, sortAt: new Date(row.issued_at).getTime() },
    ];
    // Stable: a step keeps its place among steps of the same instant (buyer first, then the server's sequence).
    const steps = [...buyer.map((step) => ({ step, sortAt: Date.parse(step.at) })), ...server]
      .map((entry, index) => ({ ...entry, index }))
      .sort((a, b) => a.sortAt - b.sortAt || a.index - b.index)
      .map(({ step }) => step);
    await this.audit.record(staff, { action: 'sales_replay', resourceType: 'policy', resourceId: policyNo, customerId: row.customer_id, policyNo });
    return {
      policyNo: row.policy_no,
      orderNo: row.order_no,
      customerId: row.customer_id,
      steps,
      version: {
        versionId: version.versionId,
        productCode: version.productCode,
        productName: version.productName,
        version: version.version,
        insurerName: version.insurerName,
        filingNo: version.filingNo,
        effectiveFrom: new Date(row.version_effective_from).toISOString(),
        clauses: version.clauses,
        exclusions: version.exclusions,
      },
      exclusionsReadVersionId: row.exclusions_read_version_id,
      exclusionsReadMatchesVersion: row.exclusions_read_version_id === row.product_version_id,
    };
  }
}
