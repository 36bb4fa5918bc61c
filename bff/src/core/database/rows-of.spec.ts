import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.factory.js';
import { rowsOf } from './rows-of.js';

describe('rows of a raw query, whatever the statement', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions({ url: process.env.DATABASE_URL! })).initialize();
    await dataSource.query(`CREATE TEMP TABLE IF NOT EXISTS rows_of_counter (id int PRIMARY KEY, used int NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  it('is empty when a guarded counter update matches nothing, and holds the row when it does', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO rows_of_counter VALUES (1, 9) ON CONFLICT (id) DO UPDATE SET used = 9`);
      const full = rowsOf<{ id: number }>(
        await manager.query(`UPDATE rows_of_counter SET used = used + 2 WHERE id = 1 AND used + 2 <= 10 RETURNING id`),
      );
      expect(full).toEqual([]);
      const room = rowsOf<{ id: number }>(
        await manager.query(`UPDATE rows_of_counter SET used = used + 1 WHERE id = 1 AND used + 1 <= 10 RETURNING id`),
      );
      expect(room).toEqual([{ id: 1 }]);
      expect(rowsOf(await manager.query(`SELECT id FROM rows_of_counter`))).toEqual([{ id: 1 }]);
    });
  });
});
