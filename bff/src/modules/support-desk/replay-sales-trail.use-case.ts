import { Injectable } from '@nestjs/common';
import { salesPageOf, summariseTerms, type ReplayStep, type SalesReplay } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

/** What each recorded step was, in the words of the compliance review. */
const BUYER_STEP_TITLES: Record<string, string> = {
  page_view: '浏览页面',
  exclusions_confirmed: '确认已阅读免责条款',
  form_submitted: '提交投保信息',
  payment_started: '发起支付',
  payment_result: '支付结果',
};

/** The mini-program's payment notes in words (`failed: CODE` keeps its code: support needs it). */
const buyerDetail = (type: string, detail: string | null): string | null => {
  if (detail === null) return null;
  if (type === 'payment_started')
    return { 'wx.requestPayment': '调起微信支付', simulator: '调起微信支付（模拟器）' }[detail] ?? detail;
  if (type === 'payment_result') {
    if (detail.startsWith('failed: ')) return `支付失败（${detail.slice('failed: '.length)}）`;
    return { submitted: '客户已在微信支付中付款，等待微信支付通知', cancelled: '客户取消了支付' }[detail] ?? detail;
  }
  return detail;
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
    const buyer: ReplayStep[] = (row.trail ?? []).map((event) => {
      // Each page by its human name, with the parts of the version it showed (the exclusions, for their confirmation).
      const page = salesPageOf(event.page);
      return {
        at: new Date(event.at).toISOString(),
        source: 'buyer',
        type: event.type,
        title: BUYER_STEP_TITLES[event.type] ?? '其他操作',
        page: event.page,
        pageName: page.name,
        shows: event.type === 'page_view' ? page.shows : event.type === 'exclusions_confirmed' ? ['exclusions'] : [],
        durationMs: event.duration_ms,
        detail:
          event.type !== 'exclusions_confirmed'
            ? buyerDetail(event.type, event.detail)
            : row.exclusions_read_version_id === row.product_version_id
              ? `确认的是出单版本（第 ${version.version} 版）的免责说明`
              : '确认的免责说明版本与出单版本不一致',
      };
    });
    const created = new Date(row.order_created_at);
    const server: { step: ReplayStep; sortAt: number }[] = [
      {
        step: {
          at: created.toISOString(),
          source: 'server',
          type: 'order_created',
          title: '生成订单',
          page: null,
          pageName: null,
          shows: [],
          durationMs: null,
          detail: `订单号 ${row.order_no}`,
        },
        sortAt: created.getTime(),
      },
      ...(row.paid_at
        ? [
            {
              step: {
                at: new Date(row.paid_at).toISOString(),
                source: 'server' as const,
                type: 'payment_confirmed',
                title: '微信支付确认收款',
                page: null,
                pageName: null,
                shows: [],
                durationMs: null,
                detail: '时间为微信支付记录的支付完成时间（精确到秒）',
              },
              // WeChat states the payment time in whole seconds: it can read a little earlier than the
              // order it paid, which it cannot precede. Shown as stated, placed after the order.
              sortAt: Math.max(new Date(row.paid_at).getTime(), created.getTime()),
            },
          ]
        : []),
      {
        step: {
          at: new Date(row.issued_at).toISOString(),
          source: 'server',
          type: 'policy_issued',
          title: '保单生效',
          page: null,
          pageName: null,
          shows: [],
          durationMs: null,
          detail: `保单号 ${row.policy_no}`,
        },
        sortAt: new Date(row.issued_at).getTime(),
      },
    ];
    // Stable: a step keeps its place among steps of the same instant (buyer first, then the server's sequence).
    const steps = [...buyer.map((step) => ({ step, sortAt: Date.parse(step.at) })), ...server]
      .map((entry, index) => ({ ...entry, index }))
      .sort((a, b) => a.sortAt - b.sortAt || a.index - b.index)
      .map(({ step }) => step);
    await this.audit.record(staff, {
      action: 'sales_replay',
      resourceType: 'policy',
      resourceId: policyNo,
      customerId: row.customer_id,
      policyNo,
    });
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
        highlights: summariseTerms(version.terms),
        clauses: version.clauses,
        exclusions: version.exclusions,
      },
      exclusionsReadVersionId: row.exclusions_read_version_id,
      exclusionsReadMatchesVersion: row.exclusions_read_version_id === row.product_version_id,
    };
  }
}
