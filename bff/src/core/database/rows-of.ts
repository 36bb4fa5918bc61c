/**
 * TypeORM's `query()` on PostgreSQL answers an UPDATE or DELETE with `[rows, rowCount]` and
 * anything else with `rows`. This gives the rows either way, so `UPDATE … RETURNING` reads like
 * a SELECT (and a guarded counter update that matched nothing is an empty array, not `[[], 0]`).
 */
export const rowsOf = <T>(result: unknown): T[] => {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
};
