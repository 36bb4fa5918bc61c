import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClaimDetail, ClaimSummary, CoverSubjectKind } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import type { ClaimEvidenceReader } from '../../products/evidence-readers.js';
import { GROWING_EVIDENCE_KINDS } from '../../products/index.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { CLAIM_SELECT, claimFactsOf, SHOWN_TO_CUSTOMER, type ClaimRow } from './claim.record.js';
import { toClaimDetail, toClaimSummary, type ClaimFacts } from './domain/claim-view.js';

/** Injection token of the evidence readers by kind (`EVIDENCE_READERS`, checked by `checkEvidenceReaders`). */
export const CLAIM_EVIDENCE_READERS = Symbol('CLAIM_EVIDENCE_READERS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer's own claims: a consumer can never read another consumer's claim. */
@Injectable()
export class ClaimQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
    @Inject(CLAIM_EVIDENCE_READERS) private readonly readers: ReadonlyMap<CoverSubjectKind, ClaimEvidenceReader>,
  ) {}

  async listFor(customerId: string): Promise<ClaimSummary[]> {
    const rows = (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.customer_id = $1 AND ${SHOWN_TO_CUSTOMER}
        ORDER BY c.created_at DESC, c.claim_no DESC LIMIT 200`,
      [customerId, GROWING_EVIDENCE_KINDS],
    )) as ClaimRow[];
    return Promise.all(rows.map(async (row) => toClaimSummary(await this.factsOf(row, { chart: false }))));
  }

  async detailFor(customerId: string, claimId: string): Promise<ClaimDetail> {
    const row = await this.findRow(claimId);
    if (!row || row.customer_id !== customerId) throw new AppException('CLAIM_NOT_FOUND');
    return toClaimDetail(await this.factsOf(row, { chart: true }));
  }

  /** Any claim by id (staff, through the audited staff module). */
  async findRow(claimId: string): Promise<ClaimRow | undefined> {
    if (!UUID.test(claimId)) return undefined;
    const rows = (await this.dataSource.query(`${CLAIM_SELECT} WHERE c.id = $1`, [claimId])) as ClaimRow[];
    return rows[0];
  }

  /** Claims in one state, oldest first (the staff desk's queues). */
  async rowsInStatus(status: string, limit: number): Promise<ClaimRow[]> {
    return (await this.dataSource.query(
      `${CLAIM_SELECT} WHERE c.status = $1 ORDER BY c.created_at, c.claim_no LIMIT $2`,
      [status, limit],
    )) as ClaimRow[];
  }

  async productNameOf(row: Pick<ClaimRow, 'product_version_id'>): Promise<string> {
    return (await this.versions.byVersionId(row.product_version_id))?.productName ?? '';
  }

  /**
   * The claim's facts. A claim that grows has its evidence read by its kind's reader (HEAT37: the
   * days counted, and with `chart` the season's maxima); any other carries it in its row.
   */
  async factsOf(row: ClaimRow, options: { chart: boolean }): Promise<ClaimFacts> {
    const productName = await this.productNameOf(row);
    const reader = this.readers.get(row.evidence.kind as CoverSubjectKind);
    return claimFactsOf(row, productName, reader ? await reader.read(row, options) : undefined);
  }
}

export const isUuid = (value: string): boolean => UUID.test(value);
