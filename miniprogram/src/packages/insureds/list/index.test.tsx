import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import SavedInsuredsPage from './index';

const SUN = {
  id: '00000000-0000-4000-8000-0000000000e1',
  nameMasked: '孙*',
  idType: 'id_card',
  idMasked: '1101**********4573',
  phoneMasked: '139****1111',
  relationship: 'parent',
  createdAt: '2026-12-01T00:00:00.000Z',
};
const SMITH = {
  ...SUN,
  id: '00000000-0000-4000-8000-0000000000e2',
  nameMasked: 'S********N',
  idType: 'passport',
  idMasked: 'E*****678',
  phoneMasked: null,
  relationship: 'self',
};

describe('我的 → 常用被保险人', () => {
  it('lists the saved persons masked, with their document and relationship, and deletes one for good', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/me/insureds': () => ok({ items: [SUN, SMITH] }),
      [`DELETE /api/v1/me/insureds/${SUN.id}`]: () => ({ status: 204, body: '' }),
    });
    render(<SavedInsuredsPage />);
    expect(await screen.findByText('居民身份证 1101**********4573')).toBeInTheDocument();
    expect(screen.getByText('护照 E*****678')).toBeInTheDocument();
    expect(screen.getByText('父母')).toBeInTheDocument();
    // No internal code: no saved-person id on screen.
    expect(document.body.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    fireEvent.click(screen.getAllByText('删除')[0]!);
    await waitFor(() => expect(api.callsTo(`DELETE /api/v1/me/insureds/${SUN.id}`)).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('居民身份证 1101**********4573')).toBeNull());
    expect(screen.getByText('护照 E*****678')).toBeInTheDocument();
  });
});
