import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { rainQuoteRequestSchema } from '@xiaoan/shared';
import { freezeClock, freezeClockInEachTest } from '../../../../test/support/clock';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aProduct, aVersion, RAIN_TERMS } from '../../../../test/support/product.builder';
import { aRainQuote, theSpots, VERSION_ID } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams, storage } from '../../../../test/shims/taro';
import RainPage from './index';

freezeClockInEachTest();

const rainProduct = () =>
  aProduct({
    code: 'RAIN',
    name: '景区下雨险',
    category: 'rain',
    currentVersion: aVersion({ id: VERSION_ID, terms: RAIN_TERMS }),
  });

type Handler = Parameters<typeof stubApi>[0][string];

const rainRoutes = (quote: Handler = () => ok(aRainQuote())) =>
  stubApi({
    ...sessionRoutes(),
    'GET /api/v1/products': () => ok({ items: [rainProduct()] }),
    'GET /api/v1/weather/places': () => ok({ items: theSpots() }),
    'POST /api/v1/quotes': quote,
  });

const openRainPage = async () => {
  setRouterParams({ code: 'RAIN', ack: VERSION_ID });
  const view = render(<RainPage />);
  await waitFor(() => expect(view.container.querySelector('.spot-option[data-spot="xihu"]')).not.toBeNull());
  return view;
};

const $ = (container: HTMLElement, selector: string) => container.querySelector<HTMLElement>(selector)!;
const offeredDates = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.visit-date-picker .date-option')).map((el) => el.getAttribute('data-date'));

describe('RAIN: spot, visit date and persons', () => {
  it('lists the scenic spots with their city, from the public places endpoint', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    const api = rainRoutes();

    const { container } = await openRainPage();

    expect(within($(container, '.spot-option[data-spot="xihu"]')).getByText('杭州')).toBeInTheDocument();
    expect(within($(container, '.spot-option[data-spot="huangshan"]')).getByText('黄山风景区')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/weather/places')[0]?.query.get('kind')).toBe('spot');
  });

  it('offers visit dates from tomorrow to 30 days ahead before 20:00, and says when the sale closes', async () => {
    freezeClock('2026-11-28T19:59:00+08:00');
    rainRoutes();

    const { container } = await openRainPage();

    const dates = offeredDates(container);
    expect(dates[0]).toBe('2026-11-29');
    expect(dates[dates.length - 1]).toBe('2026-12-28');
    expect(dates).toHaveLength(30);
    expect($(container, '.visit-date-picker .date-option--selected').getAttribute('data-date')).toBe('2026-11-29');
    expect(screen.getByText(/游玩日前一天 20:00 停售，所选日期将于 11月28日 20:00 停售/)).toBeInTheDocument();
  });

  it('no longer offers tomorrow once 20:00 has passed', async () => {
    freezeClock('2026-11-28T20:00:00+08:00');
    rainRoutes();

    const { container } = await openRainPage();

    const dates = offeredDates(container);
    expect(dates[0]).toBe('2026-11-30');
    expect(dates[dates.length - 1]).toBe('2026-12-28');
  });

  it('offers the dates the BFF sells when the simulator’s weather clock has been moved (development)', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    stubApi({
      ...sessionRoutes(true),
      'GET /api/dev/sim/clock': () => ok({ now: '2027-07-01T20:30:00+08:00', travelled: true }),
      'GET /api/v1/products': () => ok({ items: [rainProduct()] }),
      'GET /api/v1/weather/places': () => ok({ items: theSpots() }),
    });

    const { container } = await openRainPage();

    const dates = offeredDates(container);
    expect(dates[0]).toBe('2027-07-03');
    expect(dates[dates.length - 1]).toBe('2027-07-31');
  });

  it('keeps the persons between 1 and the version’s maximum with the same stepper', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    rainRoutes();
    const { container } = await openRainPage();
    const stepper = $(container, '.persons-stepper');
    expect(stepper).toHaveClass('unit-stepper');
    const value = () => within(stepper).getByText(/^\d+$/).textContent;

    fireEvent.click(stepper.querySelector('.unit-stepper__minus')!);
    expect(value()).toBe('1');
    for (let i = 0; i < 15; i += 1) fireEvent.click(stepper.querySelector('.unit-stepper__plus')!);
    expect(value()).toBe('10');
  });

  it('explains the trigger and the payout per person', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    rainRoutes();
    const { container } = await openRainPage();

    fireEvent.click($(container, '.persons-stepper .unit-stepper__plus'));

    expect(screen.getByText('09:00–17:00 累计降雨 ≥ 2.0 毫米 → 每人赔 ¥10')).toBeInTheDocument();
    expect(screen.getByText(/2人共赔 ¥20/)).toBeInTheDocument();
    expect(container.querySelectorAll('.rain-guide__hour')).toHaveLength(8);
  });
});

describe('RAIN: quote', () => {
  it('quotes the spot, the visit date and the persons, then continues to the insured form', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    const api = rainRoutes();
    const { container } = await openRainPage();

    fireEvent.click($(container, '.spot-option[data-spot="xihu"]'));
    fireEvent.click($(container, '.visit-date-picker .date-option[data-date="2026-12-05"]'));
    fireEvent.click($(container, '.persons-stepper .unit-stepper__plus'));
    fireEvent.click($(container, '.persons-stepper .unit-stepper__plus'));
    fireEvent.click($(container, '.weather-quote-button'));

    await waitFor(() => expect(container.querySelector('.weather-quote__premium')).toHaveTextContent('¥6.00'));
    const body = api.callsTo('POST /api/v1/quotes')[0]?.body;
    expect(body).toEqual({ productCode: 'RAIN', spotCode: 'xihu', visitDate: '2026-12-05', persons: 3 });
    expect(rainQuoteRequestSchema.safeParse(body).success).toBe(true);
    expect(screen.getByText('每人 ¥2.00 × 3 人')).toBeInTheDocument();
    expect(screen.getByText('西湖 · 杭州')).toBeInTheDocument();

    fireEvent.click($(container, '.weather-continue'));

    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/buy/insured/index?quoteId=${aRainQuote().id}` }]);
    expect(storage.get('xiaoan.purchase')).toMatchObject({
      quote: { subject: { kind: 'rain', spotCode: 'xihu', persons: 3 } },
    });
  });

  it('after RAIN_SALE_CLOSED offers the dates still on sale and moves to the next one', async () => {
    freezeClock('2026-11-28T10:00:00+08:00');
    rainRoutes(() => fail(422, 'RAIN_SALE_CLOSED', '游玩日前一天20:00后停止投保，请选择其他日期'));
    const { container } = await openRainPage();
    fireEvent.click($(container, '.spot-option[data-spot="xihu"]'));
    fireEvent.click($(container, '.weather-quote-button'));

    expect(await screen.findByText('游玩日前一天20:00后停止投保，请选择其他日期')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '换个日期' }));

    expect($(container, '.visit-date-picker .date-option--selected').getAttribute('data-date')).toBe('2026-11-30');
    expect(container.querySelector('.quote-error')).toBeNull();
  });
});
