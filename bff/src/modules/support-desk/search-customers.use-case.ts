import { Inject, Injectable } from '@nestjs/common';
import type { CustomerSearchBy, CustomerSearchQuery, CustomerSearchResponse } from '@xiaoan/shared';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { ProductVersionCache } from '../catalog/product-version.cache.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

const searchBy = (query: CustomerSearchQuery): CustomerSearchBy =>
  query.policyNo
    ? 'policyNo'
    : query.orderNo
      ? 'orderNo'
      : query.claimNo
        ? 'claimNo'
        : query.phone
          ? 'phone'
          : 'nameAndFlight';

/**
 * Find customers by a policy, order or claim number, a phone number (its blind index: the number
 * itself is neither stored in the clear nor scanned for) or a masked name on a flight. Masked
 * results; the search is audited with how it searched, never with the phone number.
 */
@Injectable()
export class SearchCustomersUseCase {
  constructor(
    private readonly repository: Customer360Repository,
    private readonly versions: ProductVersionCache,
    private readonly audit: DeskAudit,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async execute(staff: AuthenticatedStaff, query: CustomerSearchQuery): Promise<CustomerSearchResponse> {
    const by = searchBy(query);
    const rows = await this.repository.search(query, query.phone ? this.cipher.phoneIndex(query.phone) : null);
    const items = await Promise.all(
      rows.map(async (row) => ({
        customerId: row.customer_id,
        insuredNameMasked: row.insured_name_masked,
        insuredPhoneMasked: row.insured_phone_masked,
        orderNo: row.order_no,
        policyNo: row.policy_no,
        productName: (await this.versions.byVersionId(row.product_version_id))?.productName ?? '',
        subject: row.subject ?? '',
        createdAt: new Date(row.created_at).toISOString(),
      })),
    );
    const key =
      query.policyNo ??
      query.orderNo ??
      query.claimNo ??
      (query.nameMasked ? `${query.flightNo} ${query.flightDate}` : undefined);
    await this.audit.record(staff, {
      action: 'customer_search',
      resourceType: 'customer',
      detail: {
        by,
        ...(key ? { key } : {}),
        customerIds: [...new Set(items.map((item) => item.customerId))].slice(0, 20),
      },
    });
    return { by, items };
  }
}
