import type { CrudFilter, Pagination } from '@refinedev/core';
import type { QueryValue } from '../api/api-client.js';

/**
 * refine's list parameters as the BFF's query string: `page`, `pageSize`, and each `eq` filter as
 * `field=value`; a `between` filter on a time field becomes `from`/`to` (ISO instants).
 */
export const listQueryOf = (
  pagination: Pagination | undefined,
  filters: CrudFilter[] | undefined,
): Record<string, QueryValue> => {
  const query: Record<string, QueryValue> = {};
  if (pagination?.mode !== 'off') {
    query.page = pagination?.currentPage ?? 1;
    query.pageSize = pagination?.pageSize ?? 20;
  }
  for (const filter of filters ?? []) {
    if (!('field' in filter)) continue;
    const { field, operator, value } = filter;
    if (value === undefined || value === null || value === '') continue;
    if (operator === 'between' && Array.isArray(value)) {
      const [from, to] = value as unknown[];
      if (from) query.from = isoOf(from);
      if (to) query.to = isoOf(to);
    } else if (operator === 'eq' || operator === 'contains') {
      query[field] = Array.isArray(value) ? value.join(',') : (value as QueryValue);
    }
  }
  return query;
};

const isoOf = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (
    typeof value === 'object' &&
    value !== null &&
    'toISOString' in value &&
    typeof value.toISOString === 'function'
  ) {
    return String(value.toISOString());
  }
  return String(value);
};
