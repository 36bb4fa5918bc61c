import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { heatQuoteRequestSchema } from '@xiaoan/shared';
import { freezeClock, freezeClockInEachTest } from '../../../../test/support/clock';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aProduct, aVersion, HEAT_TERMS } from '../../../../test/support/product.builder';
import { aHeatQuote, aHeatSubject, theCities, VERSION_ID } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import { settle } from '../../../../test/support/settle';
import HeatPage from './index';

freezeClockInEachTest();

const heatProduct = () =>
  aProduct({
    code: 'HEAT37',
    name: '37°C高温险',
    category: 'heat',
    currentVersion: aVersion({ id: VERSION_ID, terms: HEAT_TERMS }),
  });

type Handler = Parameters<typeof stubApi>[0][string];

const heatRoutes = (
  quote: Handler = (call) =>
    ok(aHeatQuote({ subject: aHeatSubject({ units: (call.body as { units: number }).units }) })),
) =>
  stubApi({
    ...sessionRoutes(),
    'GET /api/v1/products': () => ok({ items: [heatProduct()] }),
    'GET /api/v1/weather/places': () => ok({ items: theCities() }),
    'POST /api/v1/quotes': quote,
  });

const openHeatPage = async () => {
  setRouterParams({ code: 'HEAT37', ack: VERSION_ID });
  const view = render(<HeatPage />);
  await waitFor(() => expect(view.container.querySelector('.city-option[data-city="wuhan"]')).not.toBeNull());
  return view;
};

const $ = (container: HTMLElement, selector: string) => container.querySelector<HTMLElement>(selector)!;

describe('HEAT37: city, season and units', () => {
  it('lists the cities with their deductible and average hot days, from the public places endpoint', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    const api = heatRoutes();

    const { container } = await openHeatPage();

    const wuhan = $(container, '.city-option[data-city="wuhan"]');
    expect(within(wuhan).getByText('武汉')).toBeInTheDocument();
    expect(within(wuhan).getByText('免赔 6 天')).toBeInTheDocument();
    expect(within(wuhan).getByText('近年平均 21 个高温日')).toBeInTheDocument();
    // No history yet: no average shown.
    expect($(container, '.city-option[data-city="shanghai"]').textContent).toBe('上海免赔 3 天');
    const [places] = api.callsTo('GET /api/v1/weather/places');
    expect(places?.query.get('kind')).toBe('city');
    expect(places?.headers.Authorization).toBeUndefined();
  });

  it('offers next summer once this one is over, and explains the waiting period in words', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    heatRoutes();

    const { container } = await openHeatPage();

    expect($(container, '.season-card').getAttribute('data-season-year')).toBe('2027');
    expect(screen.getByText('2027年 6月21日–8月31日')).toBeInTheDocument();
    expect(screen.getByText('现在投保，保障自 6月21日 起覆盖全季，共 72 天')).toBeInTheDocument();
    expect(screen.getByText(/等待期 3 天：保障从投保日后第 3 天零时开始/)).toBeInTheDocument();
  });

  it('in season, starts the cover after the waiting period; in the last three days sells next season', async () => {
    freezeClock('2027-07-01T12:00:00+08:00');
    heatRoutes();
    const { unmount } = await openHeatPage();
    expect(screen.getByText('今天投保，保障自 7月4日 起至 8月31日，共 59 天')).toBeInTheDocument();
    unmount();

    freezeClock('2027-08-29T09:00:00+08:00');
    const { container } = await openHeatPage();
    expect($(container, '.season-card').getAttribute('data-season-year')).toBe('2028');
  });

  it('follows the simulator’s weather clock when it has been moved (development)', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    stubApi({
      ...sessionRoutes(true),
      'GET /api/dev/sim/clock': () => ok({ now: '2027-07-01T12:00:00+08:00', travelled: true }),
      'GET /api/v1/products': () => ok({ items: [heatProduct()] }),
      'GET /api/v1/weather/places': () => ok({ items: theCities() }),
    });

    await openHeatPage();

    expect(screen.getByText('今天投保，保障自 7月4日 起至 8月31日，共 59 天')).toBeInTheDocument();
  });

  it('selects one city at a time', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    heatRoutes();
    const { container } = await openHeatPage();

    fireEvent.click($(container, '.city-option[data-city="wuhan"]'));
    fireEvent.click($(container, '.city-option[data-city="chongqing"]'));

    const selected = Array.from(container.querySelectorAll('.city-option--selected')).map((el) =>
      el.getAttribute('data-city'),
    );
    expect(selected).toEqual(['chongqing']);
  });

  it('keeps the units between the version’s 1 and 10', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    heatRoutes();
    const { container } = await openHeatPage();
    const value = () => $(container, '.unit-stepper__value').textContent;

    expect(value()).toBe('1');
    fireEvent.click($(container, '.unit-stepper__minus'));
    expect(value()).toBe('1');
    expect($(container, '.unit-stepper__minus')).toHaveAttribute('aria-disabled', 'true');

    for (let i = 0; i < 12; i += 1) fireEvent.click($(container, '.unit-stepper__plus'));
    expect(value()).toBe('10');
    expect($(container, '.unit-stepper__plus')).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click($(container, '.unit-stepper__minus'));
    expect(value()).toBe('9');
  });

  it('explains the payout for the chosen city and units', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    heatRoutes();
    const { container } = await openHeatPage();

    fireEvent.click($(container, '.city-option[data-city="wuhan"]'));
    fireEvent.click($(container, '.unit-stepper__plus'));

    expect(screen.getByText(/例：买2份，武汉第7个高温日起每天赔10元，最多赔200元。/)).toBeInTheDocument();
    expect(screen.getByText('第1–6个（免赔）')).toBeInTheDocument();
    expect(container.querySelectorAll('.heat-guide__step--free')).toHaveLength(6);
  });
});

describe('HEAT37: quote', () => {
  it('waits for a city before quoting', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    const api = heatRoutes();
    const { container } = await openHeatPage();

    const button = $(container, '.weather-quote-button');
    expect(button).toBeDisabled();
    expect(screen.getByText('请先选择城市')).toBeInTheDocument();
    fireEvent.click(button);
    expect(api.callsTo('POST /api/v1/quotes')).toHaveLength(0);
  });

  it('quotes city, units and season, shows the premium per unit × units, then continues to the insured form', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    const api = heatRoutes();
    const { container } = await openHeatPage();

    fireEvent.click($(container, '.city-option[data-city="wuhan"]'));
    fireEvent.click($(container, '.unit-stepper__plus'));
    fireEvent.click($(container, '.weather-quote-button'));

    await waitFor(() => expect(container.querySelector('.weather-quote__premium')).toHaveTextContent('¥36.00'));
    const [call] = api.callsTo('POST /api/v1/quotes');
    expect(call?.body).toEqual({ productCode: 'HEAT37', cityCode: 'wuhan', units: 2, seasonYear: 2027 });
    expect(heatQuoteRequestSchema.safeParse(call?.body).success).toBe(true);
    expect(call?.headers.Authorization).toBe('Bearer token-1');
    expect(screen.getByText('每份 ¥18.00 × 2 份')).toBeInTheDocument();
    expect(screen.getByText('武汉 · 2027年高温季')).toBeInTheDocument();
    expect(container.querySelector('.purchase-steps__step--current')).toHaveTextContent('确认报价');

    fireEvent.click($(container, '.weather-continue'));

    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/buy/insured/index?quoteId=${aHeatQuote().id}` }]);
    expect(storage.get('xiaoan.purchase')).toMatchObject({
      exclusionsReadVersion: VERSION_ID,
      quote: { productCode: 'HEAT37', subject: { kind: 'heat', cityCode: 'wuhan', units: 2 } },
      order: null,
    });
  });

  it('drops the quote when the units change, so what is bought is what was priced', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    heatRoutes();
    const { container } = await openHeatPage();
    fireEvent.click($(container, '.city-option[data-city="wuhan"]'));
    fireEvent.click($(container, '.weather-quote-button'));
    await waitFor(() => expect(container.querySelector('.weather-continue')).not.toBeNull());

    fireEvent.click($(container, '.unit-stepper__plus'));

    expect(container.querySelector('.weather-quote__premium')).toBeNull();
    expect(container.querySelector('.weather-continue')).toBeNull();
    expect($(container, '.weather-quote-button')).toBeEnabled();
  });

  it('moves on to next season when the BFF says this one is over', async () => {
    freezeClock('2027-08-20T10:00:00+08:00');
    const api = heatRoutes((call) =>
      (call.body as { seasonYear: number }).seasonYear === 2027
        ? fail(422, 'HEAT_SEASON_OVER', '本季高温保障已停售，请投保下一季')
        : ok(aHeatQuote({ subject: aHeatSubject({ seasonYear: 2028 }) })),
    );
    const { container } = await openHeatPage();
    fireEvent.click($(container, '.city-option[data-city="wuhan"]'));
    fireEvent.click($(container, '.weather-quote-button'));

    expect(await screen.findByText('本季高温保障已停售，请投保下一季')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '改投2028年' }));

    await waitFor(() => expect(container.querySelector('.weather-quote__premium')).not.toBeNull());
    expect(api.callsTo('POST /api/v1/quotes').map((call) => (call.body as { seasonYear: number }).seasonYear)).toEqual([
      2027, 2028,
    ]);
    expect($(container, '.season-card').getAttribute('data-season-year')).toBe('2028');
  });

  it('asks to read the exclusions first when opened without them', async () => {
    heatRoutes();
    setRouterParams({ code: 'HEAT37' });
    render(<HeatPage />);

    fireEvent.click(screen.getByRole('button', { name: '返回产品页' }));

    expect(screen.getByText('请先阅读免责条款')).toBeInTheDocument();
    expect(routeCalls).toEqual([{ kind: 'redirectTo', url: '/packages/buy/product/index?code=HEAT37' }]);
    await settle();
  });

  it('shows the server’s message and a retry when the cities cannot be loaded', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/products': () => ok({ items: [heatProduct()] }),
      'GET /api/v1/weather/places': () => fail(503, 'SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'),
    });
    setRouterParams({ code: 'HEAT37', ack: VERSION_ID });
    render(<HeatPage />);

    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });
});
