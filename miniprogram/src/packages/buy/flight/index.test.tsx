import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fail, ok, stubApi } from '../../../../test/support/fake-api';
import { aFlight, VERSION_ID } from '../../../../test/support/purchase.builder';
import { routeCalls, setRouterParams } from '../../../../test/shims/taro';
import { addDays, shanghaiToday } from '../../../utils/shanghai-date';
import FlightPage from './index';

const schedule = [
  aFlight(),
  aFlight({
    flightNo: 'CA1831',
    carrierCode: 'CA',
    carrierName: '中国国际航空',
    origin: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
    destination: { code: 'SHA', name: '上海虹桥国际机场', city: '上海' },
    scheduledDeparture: '2026-12-01T09:30:00+08:00',
    scheduledArrival: '2026-12-01T11:45:00+08:00',
  }),
];

const openFlightPage = () => {
  setRouterParams({ code: 'FD120', ack: VERSION_ID });
  return render(<FlightPage />);
};

const flightOptions = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>('.flight-option'));

describe('flight step', () => {
  it("lists the day's flights three days ahead by default, with route, times and airline", async () => {
    const api = stubApi({ 'GET /api/v1/flights': () => ok({ items: schedule }) });

    const { container } = openFlightPage();

    await screen.findByText('中国国际航空');
    const [request] = api.callsTo('GET /api/v1/flights');
    expect(request?.query.get('date')).toBe(addDays(shanghaiToday(), 3));
    expect(request?.query.has('flightNo')).toBe(false);
    expect(container.querySelector('.date-option--selected')?.getAttribute('data-date')).toBe(
      addDays(shanghaiToday(), 3),
    );
    const [first] = flightOptions(container);
    expect(first?.getAttribute('data-flight-no')).toBe('MU5101');
    expect(within(first!).getByText('08:00')).toBeInTheDocument();
    expect(within(first!).getByText('10:20')).toBeInTheDocument();
    expect(within(first!).getByText('中国东方航空')).toBeInTheDocument();
    expect(within(first!).getByText('上海虹桥国际机场 → 北京首都国际机场')).toBeInTheDocument();
  });

  it('greys out flights that can no longer be bought, says the true reason, and does not open a quote for them', async () => {
    const api = stubApi({
      'GET /api/v1/flights': () =>
        ok({
          items: [
            {
              ...schedule[0],
              status: 'arrived',
              saleStop: { code: 'FLIGHT_ALREADY_LANDED', reason: '该航班已到达，无法投保' },
            },
            { ...schedule[1], saleStop: { code: 'SALE_WINDOW_CLOSED', reason: '距离起飞不足2小时，已停止投保' } },
            { ...schedule[1], flightNo: 'HO1253', saleStop: null },
          ],
        }),
    });

    const { container } = openFlightPage();

    expect(await screen.findByText('该航班已到达，无法投保')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/flights')[0]?.query.get('productCode')).toBe('FD120');
    const [landed, closing, open] = flightOptions(container);
    expect(landed).toHaveClass('flight-option--closed');
    expect(within(closing!).getByText('距离起飞不足2小时，已停止投保')).toBeInTheDocument();
    expect(within(landed!).queryByText('为此航班投保 ›')).toBeNull();
    expect(open).not.toHaveClass('flight-option--closed');
    expect(within(open!).getByText('为此航班投保 ›')).toBeInTheDocument();

    fireEvent.click(landed!);
    fireEvent.click(closing!);
    expect(routeCalls).toEqual([]);
    fireEvent.click(open!);
    expect(routeCalls).toHaveLength(1);
  });

  it('loads the schedule of the date tapped', async () => {
    const api = stubApi({ 'GET /api/v1/flights': () => ok({ items: schedule }) });
    const { container } = openFlightPage();
    await screen.findByText('中国国际航空');

    const tomorrow = addDays(shanghaiToday(), 1);
    fireEvent.click(container.querySelector(`.date-option[data-date="${tomorrow}"]`)!);

    await screen.findByText('中国国际航空');
    expect(api.callsTo('GET /api/v1/flights').map((call) => call.query.get('date'))).toContain(tomorrow);
  });

  it('searches a flight number, upper-cased, on the chosen date', async () => {
    const api = stubApi({
      'GET /api/v1/flights': (call) => ok({ items: call.query.get('flightNo') ? [schedule[1]] : schedule }),
    });
    const { container } = openFlightPage();
    await screen.findByText('中国东方航空');

    fireEvent.input(container.querySelector('.flight-search__input')!, { target: { value: 'ca1831' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));

    await screen.findByText('查询结果 · CA1831');
    await waitFor(() => expect(flightOptions(container)).toHaveLength(1));
    expect(api.callsTo('GET /api/v1/flights').at(-1)?.query.get('flightNo')).toBe('CA1831');
    expect(flightOptions(container).map((option) => option.getAttribute('data-flight-no'))).toEqual(['CA1831']);
  });

  it('says a flight number is malformed without asking the server', async () => {
    const api = stubApi({ 'GET /api/v1/flights': () => ok({ items: schedule }) });
    const { container } = openFlightPage();
    await screen.findByText('中国东方航空');

    fireEvent.input(container.querySelector('.flight-search__input')!, { target: { value: '5101' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));

    expect(screen.getByText('航班号格式不正确，例如 MU5101')).toBeInTheDocument();
    expect(api.callsTo('GET /api/v1/flights')).toHaveLength(1);
  });

  it('shows FLIGHT_NOT_FOUND with the server message and a way back to the schedule', async () => {
    stubApi({
      'GET /api/v1/flights': (call) =>
        call.query.get('flightNo')
          ? fail(404, 'FLIGHT_NOT_FOUND', '没有查到该航班，请核对航班号和日期')
          : ok({ items: schedule }),
    });
    const { container } = openFlightPage();
    await screen.findByText('中国东方航空');

    fireEvent.input(container.querySelector('.flight-search__input')!, { target: { value: 'MU9999' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));

    expect(await screen.findByText('没有查到该航班，请核对航班号和日期')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '查看当日航班' }));
    await screen.findByText('中国东方航空');
    expect(flightOptions(container)).toHaveLength(2);
  });

  it('goes to the quote step for the tapped flight, carrying the confirmed exclusions version', async () => {
    stubApi({ 'GET /api/v1/flights': () => ok({ items: schedule }) });
    const { container } = openFlightPage();
    await screen.findByText('中国东方航空');

    fireEvent.click(container.querySelector('.flight-option[data-flight-no="MU5101"]')!);

    expect(routeCalls).toEqual([
      {
        kind: 'navigateTo',
        url: `/packages/buy/quote/index?code=FD120&ack=${VERSION_ID}&flightNo=MU5101&date=2026-12-01`,
      },
    ]);
  });

  it('sends a buyer who skipped the exclusions back to the product page', () => {
    stubApi({ 'GET /api/v1/flights': () => ok({ items: schedule }) });
    setRouterParams({ code: 'FD120' });
    render(<FlightPage />);

    fireEvent.click(screen.getByRole('button', { name: '返回产品页' }));

    expect(screen.getByText('请先阅读免责条款')).toBeInTheDocument();
    expect(routeCalls).toEqual([{ kind: 'redirectTo', url: '/packages/buy/product/index?code=FD120' }]);
  });
});
