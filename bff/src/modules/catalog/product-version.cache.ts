import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { productTermsSchema, type Clause, type ProductTerms } from '@xiaoan/shared';

export interface SellableVersion {
  productId: string;
  productCode: string;
  productName: string;
  category: string;
  versionId: string;
  version: number;
  insurerName: string;
  filingNo: string;
  terms: ProductTerms;
  clauses: Clause[];
  /** The highlighted exclusions (免责条款) of this version, in order. */
  exclusions: string[];
}

const TTL_MS = 30_000;

/**
 * The version on sale now for a product code, cached briefly: versions are immutable, so the only
 * staleness is a new version taking effect up to 30 s late.
 */
@Injectable()
export class ProductVersionCache {
  private readonly current = new Map<string, { at: number; version: SellableVersion }>();
  private readonly byId = new Map<string, SellableVersion>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async currentFor(productCode: string, now = Date.now()): Promise<SellableVersion | null> {
    const cached = this.current.get(productCode);
    if (cached && now - cached.at < TTL_MS) return cached.version;
    const rows = (await this.dataSource.query(
      `SELECT v.id, v.version, v.insurer_name, v.filing_no, v.terms, v.clauses, v.exclusions,
              p.id AS product_id, p.code, p.name, p.category
         FROM product_versions v JOIN products p ON p.id = v.product_id
        WHERE p.code = $1 AND p.on_sale AND v.effective_from <= now()
          AND (v.effective_to IS NULL OR v.effective_to > now())
        ORDER BY v.version DESC LIMIT 1`,
      [productCode],
    )) as Row[];
    const version = rows[0] ? toSellable(rows[0]) : null;
    // Only a code on sale is remembered: caching misses would let any caller grow the map without end.
    if (version) {
      this.byId.set(version.versionId, version);
      this.current.set(productCode, { at: now, version });
    }
    return version;
  }

  /** The current version of the first product on sale in a category, by the catalogue's order. */
  async currentForCategory(category: string, now = Date.now()): Promise<SellableVersion | null> {
    const [product] = (await this.dataSource.query(
      `SELECT code FROM products WHERE category = $1 AND on_sale ORDER BY sort_order LIMIT 1`,
      [category],
    )) as { code: string }[];
    return product ? this.currentFor(product.code, now) : null;
  }

  /** Forget the version on sale for a code (a repriced version was just published in this process). */
  forget(productCode: string): void {
    this.current.delete(productCode);
  }

  /** Any version by id (policies keep the version they were sold under, forever). */
  async byVersionId(versionId: string): Promise<SellableVersion | null> {
    const cached = this.byId.get(versionId);
    if (cached) return cached;
    const rows = (await this.dataSource.query(
      `SELECT v.id, v.version, v.insurer_name, v.filing_no, v.terms, v.clauses, v.exclusions,
              p.id AS product_id, p.code, p.name, p.category
         FROM product_versions v JOIN products p ON p.id = v.product_id WHERE v.id = $1`,
      [versionId],
    )) as Row[];
    if (!rows[0]) return null;
    const version = toSellable(rows[0]);
    this.byId.set(versionId, version);
    return version;
  }
}

interface Row {
  id: string;
  version: number;
  insurer_name: string;
  filing_no: string;
  terms: unknown;
  clauses: Clause[];
  exclusions: string[];
  product_id: string;
  code: string;
  name: string;
  category: string;
}

const toSellable = (row: Row): SellableVersion => ({
  productId: row.product_id,
  productCode: row.code,
  productName: row.name,
  category: row.category,
  versionId: row.id,
  version: row.version,
  insurerName: row.insurer_name,
  filingNo: row.filing_no,
  terms: productTermsSchema.parse(row.terms),
  clauses: row.clauses,
  exclusions: row.exclusions,
});
