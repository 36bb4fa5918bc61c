import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryStringOf } from '../api/api-client.js';
import { listQueryOf } from './list-query.js';

test('pages and equality filters become the BFF query string, empty filters are left out', () => {
  const query = listQueryOf({ currentPage: 3, pageSize: 50 }, [
    { field: 'username', operator: 'eq', value: 'dev-support' },
    { field: 'action', operator: 'eq', value: '' },
    { field: 'customerId', operator: 'eq', value: undefined },
  ]);
  assert.equal(queryStringOf(query), '?page=3&pageSize=50&username=dev-support');
});

test('a time range filter becomes from and to instants', () => {
  const query = listQueryOf(undefined, [
    { field: 'at', operator: 'between', value: [new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T00:00:00Z')] },
  ]);
  assert.deepEqual(query, { page: 1, pageSize: 20, from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' });
});
