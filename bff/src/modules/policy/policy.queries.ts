import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  cancellationVerdict,
  maskName,
  messageOf,
  type PolicyCancellation,
  type PremiumRefund,
  type PolicyDetail,
  type PolicySummary,
  type PolicyVerification,
  type ProductTerms,
  type CoverSubject,
} from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { productKindOfTerms } from '../../products/index.js';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache, type SellableVersion } from '../catalog/product-version.cache.js';
import { FLIGHT_COLUMNS, toFlight, type FlightRow } from '../flight/flight.record.js';

interface PolicyRow {
  policy_no: string;
  status: PolicySummary['status'];
  product_version_id: string;
  premium_fen: number;
  payout_fen: number;
  cover_start: Date;
  cover_end: Date;
  issued_at: Date;
  insured_name_masked: string;
  insured_name_encrypted: string;
  insured_id_masked: string;
  insured_phone_masked: string;
  order_no: string;
  flight: FlightRow | null;
  place_code: string | null;
  place_name: string | null;
  place_city_name: string | null;
  units: number | null;
  cover_start_date: string | null;
  cover_end_date: string | null;
  deductible_days: number | null;
  cancelled_at: Date | null;
  has_payable_claim: boolean;
  order_amount_fen: number;
  refund_status: PremiumRefund['status'] | null;
  refund_fen: number | null;
  refund_reason: string | null;
  refund_created_at: Date | null;
  refund_completed_at: Date | null;
}

const POLICY_SELECT = `
  SELECT p.policy_no, p.status, p.product_version_id, p.premium_fen, p.payout_fen, p.cover_start, p.cover_end, p.issued_at,
         o.insured_name_masked, o.insured_name_encrypted, o.insured_id_masked, o.insured_phone_masked, o.order_no,
         (SELECT row_to_json(f) FROM (SELECT ${FLIGHT_COLUMNS} FROM flights WHERE id = p.flight_id) f) AS flight,
         p.place_code, w.name AS place_name, w.city_name AS place_city_name, p.units, p.deductible_days,
         to_char(p.cover_start_date, 'YYYY-MM-DD') AS cover_start_date, to_char(p.cover_end_date, 'YYYY-MM-DD') AS cover_end_date,
         p.cancelled_at, o.amount_fen AS order_amount_fen,
         EXISTS (SELECT 1 FROM claims c WHERE c.policy_id = p.id AND (c.amount_fen > 0 OR c.status = 'manual_review')) AS has_payable_claim,
         r.status AS refund_status, r.amount_fen AS refund_fen, r.reason AS refund_reason, r.created_at AS refund_created_at,
         r.completed_at AS refund_completed_at
    FROM policies p JOIN orders o ON o.id = p.order_id LEFT JOIN weather_places w ON w.code = p.place_code
    LEFT JOIN refunds r ON r.order_id = o.id`;

/** Reading policies: the customer's own, and the public, masked verification (保单验真). */
@Injectable()
export class PolicyQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async listFor(customerId: string): Promise<PolicySummary[]> {
    const rows = (await this.dataSource.query(
      `${POLICY_SELECT} WHERE p.customer_id = $1 ORDER BY p.issued_at DESC LIMIT 200`,
      [customerId],
    )) as PolicyRow[];
    return Promise.all(rows.map((row) => this.summary(row)));
  }

  async detailFor(customerId: string, policyNo: string): Promise<PolicyDetail> {
    return (await this.loadDetail(customerId, policyNo)).policy;
  }

  /** What the e-policy states: the customer's policy, and the terms and exclusions of the version it was sold under. */
  async documentFactsFor(
    customerId: string,
    policyNo: string,
  ): Promise<{ policy: PolicyDetail; terms: ProductTerms | null; exclusions: string[] }> {
    const { policy, version } = await this.loadDetail(customerId, policyNo);
    return { policy, terms: version?.terms ?? null, exclusions: version?.exclusions ?? [] };
  }

  private async loadDetail(
    customerId: string,
    policyNo: string,
  ): Promise<{ policy: PolicyDetail; version: SellableVersion | null }> {
    const rows = (await this.dataSource.query(`${POLICY_SELECT} WHERE p.customer_id = $1 AND p.policy_no = $2`, [
      customerId,
      policyNo,
    ])) as PolicyRow[];
    const row = rows[0];
    if (!row) throw new AppException('POLICY_NOT_FOUND');
    const version = await this.versions.byVersionId(row.product_version_id);
    const policy: PolicyDetail = {
      ...(await this.summary(row)),
      insuredIdMasked: row.insured_id_masked,
      insuredPhoneMasked: row.insured_phone_masked,
      insurerName: version?.insurerName ?? '',
      filingNo: version?.filingNo ?? '',
      productVersion: version?.version ?? 0,
      orderNo: row.order_no,
      cancellation: this.cancellationOf(row),
      cancelledAt: row.cancelled_at ? new Date(row.cancelled_at).toISOString() : null,
      refund: this.refundOf(row),
      insuredPersons: await this.insuredPersonsOf(policyNo),
      insurerHotline: version ? await this.hotlineOf(version.insurerName) : null,
    };
    return { policy, version };
  }

  /** Every insured person of the policy's order, masked (RAIN names N; other products one). */
  private async insuredPersonsOf(policyNo: string): Promise<NonNullable<PolicyDetail['insuredPersons']>> {
    const rows = (await this.dataSource.query(
      `SELECT i.name_masked, i.id_type, i.id_masked, i.relationship
         FROM policies p JOIN order_insureds i ON i.order_id = p.order_id WHERE p.policy_no = $1 ORDER BY i.seq`,
      [policyNo],
    )) as {
      name_masked: string;
      id_type: NonNullable<PolicyDetail['insuredPersons']>[number]['idType'];
      id_masked: string;
      relationship: NonNullable<PolicyDetail['insuredPersons']>[number]['relationship'];
    }[];
    return rows.map((row) => ({
      nameMasked: row.name_masked,
      idType: row.id_type,
      idMasked: row.id_masked,
      relationship: row.relationship,
    }));
  }

  private async hotlineOf(insurerName: string): Promise<string | null> {
    const rows = (await this.dataSource.query(`SELECT service_hotline FROM insurers WHERE name = $1`, [
      insurerName,
    ])) as { service_hotline: string }[];
    return rows[0]?.service_hotline ?? null;
  }

  /** Whether 退保 is open now (on the business clock the policy was sold by), and if not, why. */
  private cancellationOf(row: PolicyRow): PolicyCancellation {
    const refundFen = row.order_amount_fen;
    if (row.status === 'cancelled') return { available: false, deadline: null, refundFen, unavailableReason: null };
    const verdict = cancellationVerdict(
      {
        status: row.status,
        coverStart: new Date(row.cover_start),
        flight: row.flight
          ? {
              status: row.flight.status,
              actualDeparture: row.flight.actual_departure ? new Date(row.flight.actual_departure) : null,
            }
          : null,
        hasPayableClaim: row.has_payable_claim,
      },
      this.clock.now(),
    );
    return verdict.ok
      ? { available: true, deadline: verdict.deadline.toISOString(), refundFen, unavailableReason: null }
      : { available: false, deadline: null, refundFen, unavailableReason: messageOf(verdict.code) };
  }

  private refundOf(row: PolicyRow): PremiumRefund | null {
    if (!row.refund_status) return null;
    return {
      status: row.refund_status,
      amountFen: row.refund_fen!,
      reason: row.refund_reason ?? '',
      requestedAt: new Date(row.refund_created_at!).toISOString(),
      completedAt: row.refund_completed_at ? new Date(row.refund_completed_at).toISOString() : null,
    };
  }

  /** Anyone holding the policy number and the insured's exact name may confirm the policy is real. */
  async verify(policyNo: string, insuredName: string): Promise<PolicyVerification> {
    const rows = (await this.dataSource.query(`${POLICY_SELECT} WHERE p.policy_no = $1`, [policyNo])) as PolicyRow[];
    const row = rows[0];
    // Same answer for "no such policy" and "wrong name": the endpoint must not confirm numbers.
    if (!row || this.cipher.decrypt(row.insured_name_encrypted) !== insuredName.trim())
      throw new AppException('POLICY_NOT_FOUND');
    const version = await this.versions.byVersionId(row.product_version_id);
    return {
      policyNo: row.policy_no,
      productName: version?.productName ?? '',
      insurerName: version?.insurerName ?? '',
      filingNo: version?.filingNo ?? '',
      insuredNameMasked: maskName(insuredName),
      status: row.status,
      coverStart: row.cover_start.toISOString(),
      coverEnd: row.cover_end.toISOString(),
      issuedAt: row.issued_at.toISOString(),
    };
  }

  private async summary(row: PolicyRow): Promise<PolicySummary> {
    const version = await this.versions.byVersionId(row.product_version_id);
    // product_version_id is a foreign key: a policy without its version is a broken database, not a customer error.
    if (!version) throw new Error(`policy ${row.policy_no}: product version ${row.product_version_id} not found`);
    return {
      policyNo: row.policy_no,
      status: row.status,
      productCode: version.productCode,
      productName: version.productName,
      insuredNameMasked: row.insured_name_masked,
      premiumFen: row.premium_fen,
      payoutFen: row.payout_fen,
      coverStart: new Date(row.cover_start).toISOString(),
      coverEnd: new Date(row.cover_end).toISOString(),
      issuedAt: new Date(row.issued_at).toISOString(),
      subject: this.subjectOf(row, version.terms),
    };
  }

  /** What the policy covers, as its product's kind states it from the row: the flight, or the place and its cover. */
  private subjectOf(row: PolicyRow, terms: ProductTerms): CoverSubject {
    const flight = row.flight;
    return productKindOfTerms(terms).policySubject(
      {
        flight: flight
          ? toFlight({
              ...flight,
              scheduled_departure: new Date(flight.scheduled_departure),
              scheduled_arrival: new Date(flight.scheduled_arrival),
              estimated_departure: flight.estimated_departure ? new Date(flight.estimated_departure) : null,
              actual_departure: flight.actual_departure ? new Date(flight.actual_departure) : null,
              actual_arrival: flight.actual_arrival ? new Date(flight.actual_arrival) : null,
            })
          : null,
        place: row.place_code
          ? { code: row.place_code, name: row.place_name ?? row.place_code, cityName: row.place_city_name ?? '' }
          : null,
        units: row.units,
        coverStartDate: row.cover_start_date,
        coverEndDate: row.cover_end_date,
        deductibleDays: row.deductible_days,
      },
      terms,
    );
  }
}
