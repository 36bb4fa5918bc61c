import { Inject, Injectable } from '@nestjs/common';
import type { RevealedIdentity, RevealIdentityRequest } from '@xiaoan/shared';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { AppException } from '../../core/errors/app.exception.js';
import { isUuid } from '../claim/claim.queries.js';
import type { AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { Customer360Repository } from './customer-360.repository.js';
import { DeskAudit } from './desk-audit.service.js';

/**
 * 显示完整信息: the insured's full name, ID number and phone of one order, decrypted for an agent
 * who states why. A separate, audited action (PIPL: minimal, necessary): the audit row is written
 * before anything is decrypted, and never holds the values.
 */
@Injectable()
export class RevealInsuredIdentityUseCase {
  constructor(
    private readonly repository: Customer360Repository,
    private readonly audit: DeskAudit,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  async execute(
    staff: AuthenticatedStaff,
    customerId: string,
    request: RevealIdentityRequest,
  ): Promise<RevealedIdentity> {
    if (!isUuid(customerId)) throw new AppException('CUSTOMER_NOT_FOUND');
    const row = await this.repository.encryptedIdentity(customerId, request.orderNo);
    if (!row) throw new AppException('ORDER_NOT_FOUND');
    await this.audit.record(staff, {
      action: 'customer_reveal',
      resourceType: 'order',
      resourceId: row.order_no,
      customerId,
      reason: request.reason,
      detail: { fields: ['name', 'idNumber', 'phone'] },
    });
    return {
      orderNo: row.order_no,
      insuredName: this.cipher.decrypt(row.insured_name_encrypted),
      insuredIdNumber: this.cipher.decrypt(row.insured_id_encrypted),
      insuredPhone: this.cipher.decrypt(row.insured_phone_encrypted),
    };
  }
}
