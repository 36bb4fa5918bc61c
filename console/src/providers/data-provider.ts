import type { BaseRecord, DataProvider } from '@refinedev/core';
import { apiClient, STAFF_API, type ApiClient, type QueryValue } from '../api/api-client.js';
import { listQueryOf } from './list-query.js';

/**
 * refine's data provider over the BFF's staff API. A resource `x` lives at `/api/v1/staff/x`
 * (or at `meta.apiPath`); lists answer `{items, total}`. Actions that are not plain CRUD (disable,
 * reset a password, decide a claim) go through `custom` with their own path.
 */
export const createDataProvider = (api: ApiClient = apiClient): DataProvider => {
  const pathOf = (resource: string, meta?: Record<string, unknown>): string =>
    typeof meta?.apiPath === 'string' ? meta.apiPath : `${STAFF_API}/${resource}`;

  return {
    getApiUrl: () => STAFF_API,
    getList: async <TData extends BaseRecord>({
      resource,
      pagination,
      filters,
      meta,
    }: Parameters<DataProvider['getList']>[0]) => {
      const answer = await api.request<{ items: TData[]; total?: number }>(pathOf(resource, meta), {
        query: listQueryOf(pagination, filters),
      });
      return { data: answer.items, total: answer.total ?? answer.items.length };
    },
    getOne: async <TData extends BaseRecord>({ resource, id, meta }: Parameters<DataProvider['getOne']>[0]) => ({
      data: await api.request<TData>(`${pathOf(resource, meta)}/${encodeURIComponent(String(id))}`),
    }),
    create: async <TData extends BaseRecord>({ resource, variables, meta }: Parameters<DataProvider['create']>[0]) => ({
      data: await api.request<TData>(pathOf(resource, meta), { method: 'POST', body: variables }),
    }),
    update: async <TData extends BaseRecord>({
      resource,
      id,
      variables,
      meta,
    }: Parameters<DataProvider['update']>[0]) => ({
      data: await api.request<TData>(`${pathOf(resource, meta)}/${encodeURIComponent(String(id))}`, {
        method: 'PUT',
        body: variables,
      }),
    }),
    deleteOne: async () => {
      // Nothing a staff member does deletes a record: accounts are disabled, decisions are final.
      throw new Error('deleteOne is not offered by the staff API');
    },
    custom: async <TData extends BaseRecord>({
      url,
      method,
      payload,
      query,
    }: Parameters<NonNullable<DataProvider['custom']>>[0]) => ({
      data: await api.request<TData>(url, {
        method: method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        ...(payload === undefined ? {} : { body: payload }),
        ...(query ? { query: query as Record<string, QueryValue> } : {}),
      }),
    }),
  };
};
