import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CURRENT_LEGAL_VERSIONS, recordConsentsRequestSchema, type ConsentListResponse } from '@xiaoan/shared';
import { AppException } from '../../core/errors/app.exception.js';
import { parseWith } from '../../core/validation/parse-with.js';

/**
 * The customer agrees to the privacy notice and the user agreement, version by version
 * (compliance.md row 8). Only the versions in force can be agreed to; agreeing again to the same
 * version keeps the first time it was given.
 */
@Injectable()
export class RecordConsentsUseCase {
  private readonly logger = new Logger('Consents');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(customerId: string, body: unknown): Promise<ConsentListResponse> {
    const { consents } = parseWith(recordConsentsRequestSchema, body);
    const outdated = consents.filter((consent) => CURRENT_LEGAL_VERSIONS[consent.document] !== consent.version);
    if (outdated.length > 0)
      throw new AppException(
        'CONSENT_VERSION_OUTDATED',
        outdated.map((consent) => ({
          field: consent.document,
          issue: `current version is ${CURRENT_LEGAL_VERSIONS[consent.document]}`,
        })),
      );
    await this.dataSource.query(
      `INSERT INTO customer_consents (customer_id, document, version)
       SELECT $1, c.document, c.version FROM jsonb_to_recordset($2::jsonb) AS c(document text, version text)
       ON CONFLICT DO NOTHING`,
      [customerId, JSON.stringify(consents)],
    );
    this.logger.log(
      { customerId, consents: consents.map((consent) => `${consent.document}@${consent.version}`) },
      'consent recorded',
    );
    return this.list(customerId);
  }

  async list(customerId: string): Promise<ConsentListResponse> {
    const rows = (await this.dataSource.query(
      `SELECT document, version, accepted_at FROM customer_consents WHERE customer_id = $1 ORDER BY accepted_at, document`,
      [customerId],
    )) as { document: 'privacy' | 'terms'; version: string; accepted_at: Date }[];
    return {
      items: rows.map((row) => ({
        document: row.document,
        version: row.version,
        acceptedAt: row.accepted_at.toISOString(),
      })),
      current: { ...CURRENT_LEGAL_VERSIONS },
    };
  }
}
