import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_CODES } from '@xiaoan/shared';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aProduct, aVersion } from '../../../../test/support/product.builder';
import { aQuote, VERSION_ID } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import QuotePage from './index';

const catalogue = () => ({ items: [aProduct({ currentVersion: aVersion({ id: VERSION_ID }) })] });

const openQuotePage = () => {
  setRouterParams({ code: 'FD120', ack: VERSION_ID, flightNo: 'MU5101', date: '2026-12-01' });
  return render(<QuotePage />);
};

const quoteRoutes = (answer: Parameters<typeof stubApi>[0][string]) =>
  stubApi({ ...sessionRoutes(), 'GET /api/v1/products': () => ok(catalogue()), 'POST /api/v1/quotes': answer });

describe('quote step', () => {
  it('prices the first payout tier straight away and shows premium, payout, trigger and expiry', async () => {
    const api = quoteRoutes((call) => ok(aQuote({ payoutFen: (call.body as { payoutTier: number }).payoutTier })));

    const { container } = openQuotePage();

    await waitFor(() => expect(container.querySelector('.quote-premium')).toHaveTextContent('¥25.00'));
    expect(api.callsTo('POST /api/v1/quotes')[0]?.body).toEqual({
      productCode: 'FD120',
      flightNo: 'MU5101',
      flightDate: '2026-12-01',
      payoutTier: 10_000,
    });
    expect(container.querySelector('.quote-payout')).toHaveTextContent('¥100.00');
    expect(screen.getByText('到达延误≥120分钟，或航班取消、备降')).toBeInTheDocument();
    expect(container.querySelector('.quote-expiry')?.textContent).toMatch(/^报价有效期剩余 1[45]:\d\d$/);
    expect(api.callsTo('POST /api/v1/quotes')[0]?.headers.Authorization).toBe('Bearer token-1');
    // Plain words: no internal version numbers or codes on the quote.
    expect(container.textContent).not.toMatch(/第 \d+ 版|条款版本|FD120 v\d|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('prices again when another tier is chosen, then carries the quote to the insured form', async () => {
    const api = quoteRoutes((call) =>
      ok(aQuote({ payoutFen: (call.body as { payoutTier: number }).payoutTier, premiumFen: 5_000 })),
    );
    const { container } = openQuotePage();
    await waitFor(() => expect(container.querySelector('.quote-premium')).toHaveTextContent('¥50.00'));

    fireEvent.click(container.querySelector('.tier-option[data-tier="30000"]')!);
    await waitFor(() => expect(container.querySelector('.quote-payout')).toHaveTextContent('¥300.00'));
    expect(container.querySelector('.tier-option--selected')?.getAttribute('data-tier')).toBe('30000');
    expect(api.callsTo('POST /api/v1/quotes').map((call) => (call.body as { payoutTier: number }).payoutTier)).toEqual([
      10_000, 30_000,
    ]);

    fireEvent.click(screen.getByRole('button', { name: '下一步：填写被保险人' }));

    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/buy/insured/index?quoteId=${aQuote().id}` }]);
    expect(storage.get('xiaoan.purchase')).toMatchObject({
      exclusionsReadVersion: VERSION_ID,
      quote: { payoutFen: 30_000 },
    });
  });

  const STOP_SALE: [string, string, number][] = [
    ['SALE_WINDOW_NOT_OPEN', '还没到投保时间', 422],
    ['SALE_WINDOW_CLOSED', '该航班已停止投保', 422],
    ['FLIGHT_ALREADY_DELAYED', '该航班已发布延误', 422],
    ['FLIGHT_ALREADY_DEPARTED', '该航班已起飞', 422],
    ['FLIGHT_ALREADY_CANCELLED', '该航班已取消', 422],
    ['FLIGHT_CAPACITY_REACHED', '该航班保障名额已售罄', 409],
    ['PRICING_DECLINED', '该航班暂无法承保', 422],
    ['PAYOUT_TIER_INVALID', '请重新选择保障档位', 400],
  ];

  it.each(STOP_SALE)(
    'explains %s with its own headline and the server message, and stops the purchase',
    async (code, title, status) => {
      const message = ERROR_CODES[code as keyof typeof ERROR_CODES].message;
      quoteRoutes(() => fail(status, code, message));

      const { container } = openQuotePage();

      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(container.querySelector('.quote-error__message')).toHaveTextContent(message);
      expect(container.querySelector('.quote-error')?.getAttribute('data-code')).toBe(code);
      expect(screen.getByRole('button', { name: '下一步：填写被保险人' })).toBeDisabled();
    },
  );

  it('offers another flight after a stop-sale refusal', async () => {
    quoteRoutes(() => fail(422, 'FLIGHT_ALREADY_DEPARTED', '该航班已起飞，无法投保'));
    openQuotePage();

    fireEvent.click(await screen.findByRole('button', { name: '换个航班' }));

    expect(routeCalls).toEqual([{ kind: 'navigateBack' }]);
  });

  it('asks to read the exclusions again when the quote is for a newer product version', async () => {
    quoteRoutes(() => ok(aQuote({ productVersionId: '00000000-0000-4000-8000-0000000000a2', productVersion: 2 })));
    openQuotePage();

    expect(await screen.findByText('产品条款已更新，请重新阅读免责条款后再投保。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '下一步：填写被保险人' })).toBeDisabled();
  });
});
