import { Injectable } from '@nestjs/common';
import { cancellationVerdict, staffPolicyDocumentPath, type Customer360, type SupportClaim } from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { ClaimQueries, isUuid } from '../claim/claim.queries.js';
import { toClaimDetail } from '../claim/domain/claim-view.js';
import { isReofferableBillState } from '../payout/domain/out-bill-no.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository, type BillRow360 } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** `oAbc…xyz` → `oAbc****xyz`: enough to match what WeChat shows an agent, no more. */
const maskOpenid = (openid: string): string =>
  openid.length <= 8 ? '****' : `${openid.slice(0, 4)}****${openid.slice(-3)}`;

/** A claim may be re-offered when its current bill is not paid and has ended, or may have (still waiting at WeChat). */
const reofferable = (status: string, current: BillRow360 | undefined): boolean =>
  current !== undefined &&
  ['offered', 'failed', 'expired'].includes(status) &&
  (isReofferableBillState(current.state) || current.state === 'WAIT_USER_CONFIRM');

/**
 * The customer's whole story for customer service, masked: orders (unpaid and refunded too) with
 * their sales trail and refunds, policies (with whether they may still be cancelled and the
 * e-policy), claims with their evidence timeline and every transfer bill, subscribe consents.
 * Reading it is audited (who, which customer, when, from where).
 */
@Injectable()
export class GetCustomer360UseCase {
  constructor(
    private readonly repository: Customer360Repository,
    private readonly claimQueries: ClaimQueries,
    private readonly versions: ProductVersionCache,
    private readonly audit: DeskAudit,
    private readonly clock: Clock,
  ) {}

  async execute(staff: AuthenticatedStaff, customerId: string): Promise<Customer360> {
    if (!isUuid(customerId)) throw new AppException('CUSTOMER_NOT_FOUND');
    const customer = await this.repository.customer(customerId);
    if (!customer) throw new AppException('CUSTOMER_NOT_FOUND');
    const [orders, policies, claimRows, consents] = await Promise.all([
      this.repository.orders(customerId),
      this.repository.policies(customerId),
      this.repository.claims(customerId),
      this.repository.consents(customerId),
    ]);
    const claimIds = claimRows.map((row) => row.id);
    const [bills, extras] =
      claimIds.length > 0
        ? await Promise.all([this.repository.bills(claimIds), this.repository.claimExtras(claimIds)])
        : [[], []];
    // The same rule as the customer's own 退保 (shared cancellationVerdict, on the business clock);
    // CancelPolicyUseCase applies it again, under lock, when the agent acts.
    const now = this.clock.now();
    const product = async (versionId: string) => {
      const version = await this.versions.byVersionId(versionId);
      return { code: version?.productCode ?? '', name: version?.productName ?? '', version: version?.version ?? 0 };
    };

    const claims: SupportClaim[] = await Promise.all(
      claimRows.map(async (row) => {
        const extra = extras.find((candidate) => candidate.id === row.id);
        const own = bills.filter((bill) => bill.claim_id === row.id);
        const attempt = extra?.payout_attempt ?? 0;
        return {
          ...toClaimDetail(await this.claimQueries.factsOf(row, { chart: false })),
          bills: own.map((bill) => ({
            outBillNo: bill.out_bill_no,
            attempt: bill.attempt,
            state: bill.state,
            amountFen: bill.amount_fen,
            failReason: bill.fail_reason,
            lastError: bill.last_error,
            createdAt: iso(bill.created_at)!,
            finishedAt: iso(bill.finished_at),
          })),
          reofferable: reofferable(
            row.status,
            own.find((bill) => bill.attempt === attempt),
          ),
          currentAttempt: attempt,
          decidedBy: extra?.decided_by ?? null,
        };
      }),
    );

    const result: Customer360 = {
      customer: {
        id: customer.id,
        openidMasked: maskOpenid(customer.openid),
        createdAt: iso(customer.created_at)!,
        lastLoginAt: iso(customer.last_login_at)!,
      },
      orders: await Promise.all(
        orders.map(async (row) => {
          const { code, name } = await product(row.product_version_id);
          return {
            orderNo: row.order_no,
            status: row.status,
            amountFen: row.amount_fen,
            productCode: code,
            productName: name,
            subject: row.subject ?? '',
            insuredNameMasked: row.insured_name_masked,
            insuredIdMasked: row.insured_id_masked,
            insuredPhoneMasked: row.insured_phone_masked,
            createdAt: iso(row.created_at)!,
            paidAt: iso(row.paid_at),
            policyNo: row.policy_no,
            refundReason: row.refund_reason,
            refund: row.refund
              ? {
                  refundNo: row.refund.refund_no,
                  status: row.refund.status,
                  amountFen: row.refund.amount_fen,
                  reason: row.refund.reason,
                  createdAt: iso(row.refund.created_at)!,
                  completedAt: iso(row.refund.completed_at),
                }
              : null,
            salesTrail: (row.trail ?? []).map((event) => ({
              type: event.type as Customer360['orders'][number]['salesTrail'][number]['type'],
              page: event.page,
              at: iso(event.at)!,
              durationMs: event.duration_ms,
              detail: event.detail,
            })),
          };
        }),
      ),
      policies: await Promise.all(
        policies.map(async (row) => {
          const { code, name, version } = await product(row.product_version_id);
          return {
            policyNo: row.policy_no,
            orderNo: row.order_no,
            status: row.status,
            productCode: code,
            productName: name,
            productVersion: version,
            subject: row.subject ?? '',
            premiumFen: row.premium_fen,
            payoutFen: row.payout_fen,
            coverStart: iso(row.cover_start)!,
            coverEnd: iso(row.cover_end)!,
            issuedAt: iso(row.issued_at)!,
            cancellable:
              row.status !== 'cancelled' &&
              cancellationVerdict(
                {
                  status: row.status,
                  coverStart: new Date(row.cover_start),
                  flight:
                    row.is_flight && row.flight_status
                      ? {
                          status: row.flight_status,
                          actualDeparture: row.flight_actual_departure ? new Date(row.flight_actual_departure) : null,
                        }
                      : null,
                  hasPayableClaim: row.has_payable_claim,
                },
                now,
              ).ok,
            documentPath: staffPolicyDocumentPath(row.policy_no),
          };
        }),
      ),
      claims,
      consents: consents.map((row) => ({
        templateId: row.template_id,
        acceptedCount: row.accepted_count,
        updatedAt: iso(row.updated_at)!,
      })),
    };
    await this.audit.record(staff, {
      action: 'customer_read',
      resourceType: 'customer',
      resourceId: customerId,
      customerId,
      detail: { orders: result.orders.length, policies: result.policies.length, claims: result.claims.length },
    });
    return result;
  }
}
