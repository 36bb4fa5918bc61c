import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  maskDocumentNumber,
  maskName,
  maskPhone,
  type Companion,
  type Insured,
  type SavedInsured,
} from '@xiaoan/shared';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';
import { AppException } from '../../core/errors/app.exception.js';

interface SavedRow {
  id: string;
  relationship: SavedInsured['relationship'];
  id_type: SavedInsured['idType'];
  name_encrypted: string;
  name_masked: string;
  id_encrypted: string;
  id_masked: string;
  phone_encrypted: string | null;
  phone_masked: string | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 常用被保险人: kept only on the customer's consent at purchase, encrypted like the order's own
 * copy (keyed blind index for "is this person already saved"), shown masked, and deleted for good
 * when the customer deletes them (the row and its ciphertexts go; orders keep their own copy,
 * which the retention rules govern).
 */
@Injectable()
export class SavedInsureds {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
  ) {}

  /** Save (or refresh) the order's persons, inside the order's transaction. */
  async saveAll(
    manager: EntityManager,
    customerId: string,
    persons: (Insured | Companion)[],
    indexes: string[],
  ): Promise<void> {
    for (const [i, person] of persons.entries()) {
      await manager.query(
        `INSERT INTO saved_insureds (customer_id, relationship, id_type, name_encrypted, name_masked, id_encrypted, id_index, id_masked,
                                     phone_encrypted, phone_masked)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (customer_id, id_index) DO UPDATE
           SET relationship = EXCLUDED.relationship, name_encrypted = EXCLUDED.name_encrypted, name_masked = EXCLUDED.name_masked,
               phone_encrypted = coalesce(EXCLUDED.phone_encrypted, saved_insureds.phone_encrypted),
               phone_masked = coalesce(EXCLUDED.phone_masked, saved_insureds.phone_masked), updated_at = now()`,
        [
          customerId,
          person.relationship,
          person.idType,
          this.cipher.encrypt(person.name),
          maskName(person.name),
          this.cipher.encrypt(person.idNumber),
          indexes[i],
          maskDocumentNumber(person.idType, person.idNumber),
          person.phone ? this.cipher.encrypt(person.phone) : null,
          person.phone ? maskPhone(person.phone) : null,
        ],
      );
    }
  }

  async list(customerId: string): Promise<SavedInsured[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, relationship, id_type, name_masked, id_masked, phone_masked, created_at FROM saved_insureds
        WHERE customer_id = $1 ORDER BY (relationship = 'self') DESC, updated_at DESC`,
      [customerId],
    )) as SavedRow[];
    return rows.map((row) => ({
      id: row.id,
      nameMasked: row.name_masked,
      idType: row.id_type,
      idMasked: row.id_masked,
      phoneMasked: row.phone_masked,
      relationship: row.relationship,
      createdAt: row.created_at.toISOString(),
    }));
  }

  /** Delete for good. Someone else's id answers like a missing one. */
  async delete(customerId: string, id: string): Promise<void> {
    if (!UUID.test(id)) throw new AppException('SAVED_INSURED_NOT_FOUND');
    const [, count] = (await this.dataSource.query(`DELETE FROM saved_insureds WHERE id = $1 AND customer_id = $2`, [
      id,
      customerId,
    ])) as [unknown, number];
    if (!count) throw new AppException('SAVED_INSURED_NOT_FOUND');
  }

  /**
   * The order request with each `{savedId}` replaced by the saved person's decrypted identity
   * (server-side only: the app never holds the full number). Anything else passes through untouched.
   */
  async fillPicked(customerId: string, body: unknown): Promise<unknown> {
    if (!body || typeof body !== 'object') return body;
    const request = body as { insured?: unknown; companions?: unknown };
    const fill = async (value: unknown): Promise<unknown> => {
      if (!value || typeof value !== 'object' || !('savedId' in value)) return value;
      const picked = value as { savedId: unknown; relationship?: unknown; phone?: unknown };
      if (typeof picked.savedId !== 'string' || !UUID.test(picked.savedId))
        throw new AppException('SAVED_INSURED_NOT_FOUND');
      const [row] = (await this.dataSource.query(
        `SELECT id, relationship, id_type, name_encrypted, id_encrypted, phone_encrypted FROM saved_insureds WHERE id = $1 AND customer_id = $2`,
        [picked.savedId, customerId],
      )) as SavedRow[];
      if (!row) throw new AppException('SAVED_INSURED_NOT_FOUND');
      const phone = picked.phone ?? (row.phone_encrypted ? this.cipher.decrypt(row.phone_encrypted) : undefined);
      return {
        name: this.cipher.decrypt(row.name_encrypted),
        idType: row.id_type,
        idNumber: this.cipher.decrypt(row.id_encrypted),
        relationship: picked.relationship ?? row.relationship,
        ...(phone === undefined ? {} : { phone }),
      };
    };
    const insured = await fill(request.insured);
    const companions = Array.isArray(request.companions)
      ? await Promise.all(request.companions.map(fill))
      : request.companions;
    return { ...request, insured, ...(companions === undefined ? {} : { companions }) };
  }
}
