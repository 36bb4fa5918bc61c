import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { FIELD_CIPHER, FieldCipher } from '../../core/crypto/field-cipher.js';

const BATCH = 500;
/** Marks a row whose phone could not be decrypted (e.g. seeded fixtures): never matches a search, never retried. */
export const PHONE_INDEX_UNREADABLE = '-';

/**
 * Fills the phone blind index of orders written before it existed (migration
 * SupportDesk1764730000000). The key lives in the BFF's configuration, not in SQL, so this runs
 * in the BFF: once per start of a worker, a batch of 500 at a time by primary key, each batch one
 * statement; idempotent (only rows still NULL), and harmless to run on several instances at once.
 * It decrypts each old phone once, here; searching never decrypts.
 */
@Injectable()
export class PhoneIndexBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('PhoneIndexBackfill');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FIELD_CIPHER) private readonly cipher: FieldCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.role === 'api') return;
    // In the background: start-up does not wait for it.
    void this.run().catch((error: unknown) =>
      this.logger.error({ err: error }, 'phone index backfill stopped; it resumes at the next start'),
    );
  }

  /** Returns how many rows were filled. */
  async run(): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let filled = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id, insured_phone_encrypted FROM orders WHERE insured_phone_index IS NULL AND id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      )) as { id: string; insured_phone_encrypted: string }[];
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const indexes = rows.map((row) => {
        try {
          return this.cipher.phoneIndex(this.cipher.decrypt(row.insured_phone_encrypted));
        } catch {
          return PHONE_INDEX_UNREADABLE;
        }
      });
      await this.dataSource.query(
        `UPDATE orders o SET insured_phone_index = b.idx FROM unnest($1::uuid[], $2::varchar[]) AS b(id, idx)
          WHERE o.id = b.id AND o.insured_phone_index IS NULL`,
        [rows.map((row) => row.id), indexes],
      );
      filled += rows.length;
    }
    if (filled > 0) this.logger.log({ filled }, 'phone blind index filled for earlier orders');
    return filled;
  }
}
