import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ClaimDetail, ClaimSummary } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import { CLAIM_SELECT, claimFactsOf, type ClaimRow } from './claim-record.js';
import { toClaimDetail, toClaimSummary } from './domain/claim-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The customer's own claims: a consumer can never read another consumer's claim. */
@Injectable()
export class ClaimQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly versions: ProductVersionCache,
  ) {}

  async listFor(customerId: string): Promise<ClaimSummary[]> {
    const rows = (await this.dataSource.query(`${CLAIM_SELECT} WHERE c.customer_id = $1 ORDER BY c.created_at DESC, c.claim_no DESC LIMIT 200`, [
      customerId,
    ])) as ClaimRow[];
    return Promise.all(rows.map(async (row) => toClaimSummary(claimFactsOf(row, await this.productNameOf(row)))));
  }

  async detailFor(customerId: string, claimId: string): Promise<ClaimDetail> {
    const row = await this.findRow(claimId);
    if (!row || row.customer_id !== customerId) throw new AppException('CLAIM_NOT_FOUND');
    return toClaimDetail(claimFactsOf(row, await this.productNameOf(row)));
  }

  /** Any claim by id (staff, through the audited staff module). */
  async findRow(claimId: string): Promise<ClaimRow | undefined> {
    if (!UUID.test(claimId)) return undefined;
    const rows = (await this.dataSource.query(`${CLAIM_SELECT} WHERE c.id = $1`, [claimId])) as ClaimRow[];
    return rows[0];
  }

  async productNameOf(row: Pick<ClaimRow, 'product_version_id'>): Promise<string> {
    return (await this.versions.byVersionId(row.product_version_id))?.productName ?? '';
  }
}

export const isUuid = (value: string): boolean => UUID.test(value);
