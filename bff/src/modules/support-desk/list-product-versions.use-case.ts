import { Injectable } from '@nestjs/common';
import { productTermsSchema, type ProductVersionList } from '@xiaoan/shared';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { DeskAudit } from './desk-audit.service.js';
import { OperationsDashboardRepository } from './operations-dashboard.repository.js';

/** Every product version ever sold, with its terms, clauses and exclusions: read-only (versions are immutable). */
@Injectable()
export class ListProductVersionsUseCase {
  constructor(
    private readonly repository: OperationsDashboardRepository,
    private readonly audit: DeskAudit,
  ) {}

  async execute(staff: AuthenticatedStaff): Promise<ProductVersionList> {
    const rows = await this.repository.productVersions();
    await this.audit.record(staff, { action: 'product_versions_read', resourceType: 'product_version' });
    return {
      items: rows.map((row) => ({
        productCode: row.code,
        productName: row.name,
        onSale: row.on_sale,
        versionId: row.id,
        version: row.version,
        insurerName: row.insurer_name,
        filingNo: row.filing_no,
        effectiveFrom: new Date(row.effective_from).toISOString(),
        effectiveTo: row.effective_to ? new Date(row.effective_to).toISOString() : null,
        current: row.current,
        terms: productTermsSchema.parse(row.terms),
        clauses: row.clauses,
        exclusions: row.exclusions,
      })),
    };
  }
}
