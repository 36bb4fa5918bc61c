import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ADULT_AGE,
  ageOnDate,
  beijingDateOf,
  createOrderRequestSchema,
  documentIndexKey,
  makeBusinessNumber,
  maskDocumentNumber,
  maskName,
  maskPhone,
  type Companion,
  type CreateOrderRequest,
  type FieldIssue,
  type Insured,
  type Order,
} from '@xiaoan/shared';
import { SavedInsureds } from './saved-insureds.repository.js';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { named } from '../../core/database/named-parameters.js';
import { UnitOfWork } from '../../core/database/unit-of-work.js';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { Clock } from '../../core/clock/clock.js';
import { flightStopSaleReason } from '../../products/flight-delay/flight-delay-sale-rules.js';
import { productKindOfTerms } from '../../products/index.js';
import { ORDER_COLUMNS, toOrder, type OrderRow } from './order.record.js';
import { OrderPrepay } from './order-prepay.js';
import { ORDER_PAYMENT_WINDOW_MS } from './order.queues.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

interface QuoteRow {
  id: string;
  product_version_id: string;
  flight_id: string | null;
  payout_fen: number;
  premium_fen: number;
  expires_at: Date;
  /** Flight cover. */
  flight_no: string | null;
  status: 'scheduled' | 'delayed' | 'departed' | 'arrived' | 'cancelled' | 'diverted' | null;
  scheduled_departure: Date | null;
  sold_sum_insured_fen: string | null;
  /** Weather cover. */
  place_code: string | null;
  units: number | null;
  cover_start_date: string | null;
  cover_end_date: string | null;
}

/**
 * Turn a quote into an order for the named insured person and a WeChat Pay JSAPI prepay.
 * Idempotent per (customer, Idempotency-Key): a retry returns the same order (and re-places the
 * same out_trade_no, which WeChat treats as the same order); the same key with a different body
 * is refused. The ID number is stored encrypted, looked up by a keyed blind index, shown masked.
 */
@Injectable()
export class CreateOrderUseCase {
  private readonly logger = new Logger('CreateOrder');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly versions: ProductVersionCache,
    private readonly prepay: OrderPrepay,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly saved: SavedInsureds,
  ) {}

  async execute(
    customer: { customerId: string; openid: string },
    idempotencyKey: string | undefined,
    body: unknown,
    now = new Date(),
  ): Promise<Order> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) throw new AppException('IDEMPOTENCY_KEY_REQUIRED');
    const request = await this.parse(customer.customerId, body);
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.quoteId, request.insured, request.companions, request.exclusionsReadVersion]))
      .digest('hex');

    const existing = await this.findByKey(customer.customerId, idempotencyKey);
    if (existing) {
      if (existing.request_hash !== requestHash) throw new AppException('IDEMPOTENCY_KEY_REUSED');
      return this.withPayment(existing, customer.openid);
    }

    const persons: (Insured | Companion)[] = [request.insured, ...request.companions];
    const indexes = persons.map((person) => this.cipher.blindIndex(documentIndexKey(person.idType, person.idNumber)));
    if (new Set(indexes).size !== indexes.length) throw new AppException('DUPLICATE_INSURED_IN_ORDER');
    this.checkSelf(request.insured);
    const idIndex = indexes[0]!;
    const created = await this.unitOfWork.run(async ({ manager }) => {
      const [quote] = (await manager.query(
        `SELECT q.id, q.product_version_id, q.flight_id, q.payout_fen, q.premium_fen, q.expires_at,
                f.flight_no, f.status, f.scheduled_departure, f.sold_sum_insured_fen,
                q.place_code, q.units, to_char(q.cover_start_date, 'YYYY-MM-DD') AS cover_start_date,
                to_char(q.cover_end_date, 'YYYY-MM-DD') AS cover_end_date
           FROM quotes q LEFT JOIN flights f ON f.id = q.flight_id
          WHERE q.id = $1 AND q.customer_id = $2`,
        [request.quoteId, customer.customerId],
      )) as QuoteRow[];
      if (!quote) throw new AppException('QUOTE_NOT_FOUND');
      if (quote.expires_at.getTime() <= now.getTime()) throw new AppException('QUOTE_EXPIRED');
      if (request.exclusionsReadVersion !== quote.product_version_id) throw new AppException('EXCLUSIONS_NOT_READ');
      const version = await this.versions.byVersionId(quote.product_version_id);
      if (!version) throw new AppException('PRODUCT_NOT_ON_SALE');
      if (quote.flight_id) {
        if (version.terms.kind !== 'flight_delay') throw new AppException('PRODUCT_NOT_ON_SALE');
        // One passenger per flight policy.
        if (request.companions.length > 0) throw new AppException('INSURED_COUNT_MISMATCH');
        const stop = flightStopSaleReason(
          {
            status: quote.status!,
            scheduledDeparture: quote.scheduled_departure!,
            soldSumInsuredFen: Number(quote.sold_sum_insured_fen),
          },
          version.terms,
          quote.payout_fen,
          now,
        );
        if (stop) throw new AppException(stop);
        const duplicate = (await manager.query(
          `SELECT 1 FROM policies WHERE flight_id = $1 AND insured_id_index = $2 AND status <> 'cancelled' LIMIT 1`,
          [quote.flight_id, idIndex],
        )) as unknown[];
        if (duplicate.length > 0) throw new AppException('DUPLICATE_INSURED_ON_FLIGHT');
        await this.refuseOpenOrder(
          manager,
          customer.customerId,
          idempotencyKey,
          `flight:${quote.flight_id}:${idIndex}`,
          `o.flight_id = $4 AND o.insured_id_index = $5`,
          [quote.flight_id, idIndex],
          now,
        );
      } else {
        const place = productKindOfTerms(version.terms).place;
        if (!place) throw new AppException('PRODUCT_NOT_ON_SALE');
        const stop = place.stopSaleReason(version.terms, quote.cover_end_date!, this.clock.now());
        if (stop) throw new AppException(stop);
        // Cover sold per place is sold to 身份证 holders; the kind says how many persons an order
        // names (RAIN: N persons, N identities; HEAT37: one person, its units are 份).
        if (persons.some((person) => person.idType !== 'id_card')) throw new AppException('ID_TYPE_NOT_ACCEPTED');
        const expected = place.insuredCount(quote.units!);
        if (persons.length !== expected)
          throw new AppException('INSURED_COUNT_MISMATCH', { expected, given: persons.length });
        // One cover of a product per person per place and cover end (RAIN's and another spot-day kind's may add up).
        const duplicate = (await manager.query(
          `SELECT 1 FROM policies p JOIN order_insureds i ON i.order_id = p.order_id
            WHERE p.product_id = $1 AND p.place_code = $2 AND p.cover_end_date = $3 AND i.id_index = ANY($4::varchar[])
              AND p.status <> 'cancelled' LIMIT 1`,
          [version.productId, quote.place_code, quote.cover_end_date, indexes],
        )) as unknown[];
        if (duplicate.length > 0) throw new AppException('DUPLICATE_INSURED_ON_PLACE');
        await this.refuseOpenOrder(
          manager,
          customer.customerId,
          idempotencyKey,
          `place:${version.productId}:${quote.place_code}:${quote.cover_end_date}:${idIndex}`,
          `o.place_code = $4 AND o.cover_end_date = $5::date AND o.insured_id_index = $6
           AND o.product_version_id IN (SELECT id FROM product_versions WHERE product_id = $7)`,
          [quote.place_code, quote.cover_end_date, idIndex, version.productId],
          now,
        );
      }

      const [{ seq }] = (await manager.query(`SELECT nextval('order_no_seq') AS seq`)) as { seq: string }[];
      const orderNo = makeBusinessNumber('O', now, BigInt(seq!));
      const rows = (await manager.query(
        ...named(
          `INSERT INTO orders (order_no, customer_id, quote_id, product_version_id, flight_id, amount_fen, payout_fen,
                               insured_name_encrypted, insured_name_masked, insured_id_encrypted, insured_id_index,
                               insured_id_masked, insured_phone_encrypted, insured_phone_masked,
                               exclusions_read_version_id, idempotency_key, request_hash, created_at, updated_at, expires_at,
                               place_code, units, cover_start_date, cover_end_date, insured_phone_index, insured_id_type, insured_relationship)
           VALUES ($orderNo, $customerId, $quoteId, $productVersionId, $flightId, $amountFen, $payoutFen,
                   $insuredNameEncrypted, $insuredNameMasked, $insuredIdEncrypted, $insuredIdIndex,
                   $insuredIdMasked, $insuredPhoneEncrypted, $insuredPhoneMasked,
                   $exclusionsReadVersionId, $idempotencyKey, $requestHash, $now, $now, $expiresAt,
                   $placeCode, $units, $coverStartDate, $coverEndDate, $insuredPhoneIndex, $insuredIdType, $insuredRelationship)
           ON CONFLICT (customer_id, idempotency_key) DO NOTHING
           RETURNING ${ORDER_COLUMNS.replaceAll('o.', '')}`,
          {
            orderNo,
            customerId: customer.customerId,
            quoteId: quote.id,
            productVersionId: quote.product_version_id,
            flightId: quote.flight_id,
            amountFen: quote.premium_fen,
            payoutFen: quote.payout_fen,
            insuredNameEncrypted: this.cipher.encrypt(request.insured.name),
            insuredNameMasked: maskName(request.insured.name),
            insuredIdEncrypted: this.cipher.encrypt(request.insured.idNumber),
            insuredIdIndex: idIndex,
            insuredIdMasked: maskDocumentNumber(request.insured.idType, request.insured.idNumber),
            insuredPhoneEncrypted: this.cipher.encrypt(request.insured.phone),
            insuredPhoneMasked: maskPhone(request.insured.phone),
            exclusionsReadVersionId: request.exclusionsReadVersion,
            idempotencyKey,
            requestHash,
            now,
            expiresAt: new Date(now.getTime() + ORDER_PAYMENT_WINDOW_MS),
            placeCode: quote.place_code,
            units: quote.units,
            coverStartDate: quote.cover_start_date,
            coverEndDate: quote.cover_end_date,
            insuredPhoneIndex: this.cipher.phoneIndex(request.insured.phone),
            insuredIdType: request.insured.idType,
            insuredRelationship: request.insured.relationship,
          },
        ),
      )) as OrderRow[];
      const order = rows[0];
      if (!order) return null; // a concurrent request with the same key won
      // Every insured person, each with their own encrypted identity and blind index (no. 1 is the
      // order's named insured; RAIN's companions follow).
      await manager.query(
        `INSERT INTO order_insureds (order_id, seq, relationship, id_type, name_encrypted, name_masked, id_encrypted, id_index, id_masked,
                                     phone_encrypted, phone_masked)
         SELECT $1, p.seq, p.relationship, p.id_type, p.name_encrypted, p.name_masked, p.id_encrypted, p.id_index, p.id_masked,
                p.phone_encrypted, p.phone_masked
           FROM jsonb_to_recordset($2::jsonb) AS p(seq smallint, relationship varchar, id_type varchar, name_encrypted text, name_masked varchar,
                                                   id_encrypted text, id_index varchar, id_masked varchar, phone_encrypted text, phone_masked varchar)`,
        [
          order.id,
          JSON.stringify(
            persons.map((person, i) => ({
              seq: i + 1,
              relationship: person.relationship,
              id_type: person.idType,
              name_encrypted: this.cipher.encrypt(person.name),
              name_masked: maskName(person.name),
              id_encrypted: this.cipher.encrypt(person.idNumber),
              id_index: indexes[i],
              id_masked: maskDocumentNumber(person.idType, person.idNumber),
              phone_encrypted: person.phone ? this.cipher.encrypt(person.phone) : null,
              phone_masked: person.phone ? maskPhone(person.phone) : null,
            })),
          ),
        ],
      );
      // 常用被保险人: only on the customer's explicit consent (a checkbox, off by default).
      if (request.saveInsured) await this.saved.saveAll(manager, customer.customerId, persons, indexes);
      if (request.salesTrail.length > 0) {
        await manager.query(
          `INSERT INTO sales_trail_events (order_id, type, page, at, duration_ms, detail)
           SELECT $1, e.type, e.page, e.at, e.duration_ms, e.detail
             FROM jsonb_to_recordset($2::jsonb) AS e(type text, page text, at timestamptz, duration_ms integer, detail text)`,
          [
            order.id,
            JSON.stringify(
              request.salesTrail.map((event) => ({
                type: event.type,
                page: event.page,
                at: event.at,
                duration_ms: event.durationMs ?? null,
                detail: event.detail ?? null,
              })),
            ),
          ],
        );
      }
      return order;
    });
    const order = created ?? (await this.findByKey(customer.customerId, idempotencyKey));
    if (!order) throw new AppException('CONFLICT');
    if (order.request_hash !== requestHash) throw new AppException('IDEMPOTENCY_KEY_REUSED');
    this.logger.log({ orderNo: order.order_no, amountFen: order.amount_fen }, 'order created');
    return this.withPayment(order, customer.openid);
  }

  /** The request, with a picked 常用被保险人 filled in from its stored (encrypted) identity. */
  private async parse(
    customerId: string,
    body: unknown,
  ): Promise<CreateOrderRequest & ReturnType<typeof createOrderRequestSchema.parse>> {
    const filled = await this.saved.fillPicked(customerId, body);
    const parsed = createOrderRequestSchema.safeParse(filled);
    if (!parsed.success) {
      const details: FieldIssue[] = parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        issue: issue.message,
      }));
      const idProblem = details.find((detail) => /^(insured|companions\.\d+)\.idNumber$/.test(detail.field));
      const raw = filled as { insured?: { idType?: unknown } } | null;
      const isIdCard = !raw?.insured?.idType || raw.insured.idType === 'id_card';
      throw new AppException(
        idProblem
          ? isIdCard && idProblem.field === 'insured.idNumber'
            ? 'ID_NUMBER_INVALID'
            : 'DOCUMENT_NUMBER_INVALID'
          : 'VALIDATION_FAILED',
        details,
      );
    }
    return parsed.data as CreateOrderRequest & ReturnType<typeof createOrderRequestSchema.parse>;
  }

  /** 为本人投保: the buyer is an adult; their 身份证 says so on the business clock's date. */
  private checkSelf(insured: Insured): void {
    if (insured.relationship !== 'self' || insured.idType !== 'id_card') return;
    const today = beijingDateOf(this.clock.now());
    if (ageOnDate(insured.idNumber, today) < ADULT_AGE) throw new AppException('INSURED_NOT_ADULT');
  }

  /**
   * One open order per insured and cover: a second order for the same insured on the same flight
   * (or place and period) is refused while the first can still be paid, instead of being refunded
   * after payment (the payment-time check stays, for races this cannot see). Orders for the same
   * cover take a transaction-scoped advisory lock first, so two concurrent requests cannot both pass.
   * A retry of the same request (same idempotency key) is not a second order. The caller learns the
   * open order's id when it is their own, so the app can take them back to pay it.
   */
  private async refuseOpenOrder(
    manager: EntityManager,
    customerId: string,
    idempotencyKey: string,
    coverKey: string,
    coverCondition: string,
    coverParams: unknown[],
    now: Date,
  ): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 14))`, [coverKey]);
    const open = (await manager.query(
      `SELECT o.id, o.customer_id FROM orders o
        WHERE o.status IN ('pending_payment', 'paid') AND o.expires_at > $1
          AND NOT (o.customer_id = $2 AND o.idempotency_key = $3) AND ${coverCondition}
        LIMIT 1`,
      [now, customerId, idempotencyKey, ...coverParams],
    )) as { id: string; customer_id: string }[];
    if (open[0])
      throw new AppException(
        'INSURED_ORDER_PENDING',
        open[0].customer_id === customerId ? { orderId: open[0].id } : undefined,
      );
  }

  private async findByKey(customerId: string, key: string): Promise<OrderRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.customer_id = $1 AND o.idempotency_key = $2`,
      [customerId, key],
    )) as OrderRow[];
    return rows[0];
  }

  /** Place (or re-place) the JSAPI order and hand back the signed requestPayment parameters. */
  private async withPayment(order: OrderRow, openid: string): Promise<Order> {
    const version = await this.versions.byVersionId(order.product_version_id);
    const extra = { productCode: version?.productCode ?? '', productName: version?.productName ?? '', policyNo: null };
    if (order.status !== 'pending_payment') return toOrder(order, { ...extra, payment: null });
    return toOrder(order, { ...extra, payment: await this.prepay.place(order, openid, extra.productName) });
  }
}
