import { describe, expect, it } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { CURRENT_LEGAL_VERSIONS } from '@xiaoan/shared';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { setRouterParams } from '../../../../test/shims/taro';
import LegalDocumentPage from './index';

describe('隐私政策 and 用户协议', () => {
  it('shows the privacy notice in force with its version, and when this customer agreed to it', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/me/consents': () =>
        ok({
          items: [
            { document: 'privacy', version: CURRENT_LEGAL_VERSIONS.privacy, acceptedAt: '2026-12-04T02:00:00.000Z' },
          ],
          current: CURRENT_LEGAL_VERSIONS,
        }),
    });
    setRouterParams({ doc: 'privacy' });

    const { container } = render(<LegalDocumentPage />);

    expect(screen.getByText('隐私政策')).toBeInTheDocument();
    expect(screen.getByText('版本：2026年12月1日生效')).toBeInTheDocument();
    expect(screen.getByText('我们如何保护')).toBeInTheDocument();
    expect(await screen.findByText('您已于 2026年12月4日 10:00 同意本版本')).toBeInTheDocument();
    expect(container.querySelector('[data-doc="privacy"]')).not.toBeNull();
  });

  it('shows the user agreement even when consents cannot be read (no session outside WeChat)', async () => {
    stubApi({
      ...sessionRoutes(false),
      'GET /api/v1/me/consents': () => fail(401, 'UNAUTHENTICATED', '登录已失效，请重新登录'),
    });
    setRouterParams({ doc: 'terms' });

    render(<LegalDocumentPage />);

    expect(screen.getByText('用户协议')).toBeInTheDocument();
    expect(screen.getByText('支付与退保')).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByText(/同意本版本/)).toBeNull();
  });

  it('says so for an unknown document', () => {
    stubApi(sessionRoutes());
    setRouterParams({ doc: 'cookies' });
    render(<LegalDocumentPage />);
    expect(screen.getByText('没有找到该文件')).toBeInTheDocument();
  });
});
