import { describe, expect, it } from '@jest/globals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { aHeatQuote, anOrder, aQuote, aRainQuote, VERSION_ID } from '../../../../test/support/purchase.builder';
import { CURRENT_LEGAL_VERSIONS } from '@xiaoan/shared';
import { routeCalls, setRouterParams, storage, toasts } from '../../../../test/shims/taro';
import { settle } from '../../../../test/support/settle';
import { salesTrail } from '../../../services/trail';
import InsuredPage from './index';

const VALID_ID = '110101199003074573';
/** Same digits, wrong check character. */
const BAD_CHECKSUM_ID = '110101199003074578';

/** Opens the page and lets what it loads on opening (the saved insured persons) arrive. */
const openInsuredPage = async (quote = aQuote()) => {
  storage.set('xiaoan.purchase', { quote, exclusionsReadVersion: VERSION_ID, order: null });
  setRouterParams({ quoteId: quote.id });
  const page = render(<InsuredPage />);
  await settle();
  return page;
};

const fill = (container: HTMLElement, values: { name?: string; id?: string; phone?: string }) => {
  if (values.name !== undefined)
    fireEvent.input(container.querySelector('.insured-form__name')!, { target: { value: values.name } });
  if (values.id !== undefined)
    fireEvent.input(container.querySelector('.insured-form__id')!, { target: { value: values.id } });
  if (values.phone !== undefined)
    fireEvent.input(container.querySelector('.insured-form__phone')!, { target: { value: values.phone } });
};

/** The 我已阅读并同意… box (the other checkbox is 保存为常用被保险人). */
const consentBox = () => screen.getByRole('checkbox', { name: /我已阅读并同意/ });

/** Ticks 我已阅读并同意… (never pre-ticked) when it is not, then taps 提交订单. */
const agree = () => {
  const box = consentBox();
  if (box.getAttribute('aria-checked') !== 'true') fireEvent.click(box);
};
const submit = () => {
  agree();
  fireEvent.click(screen.getByRole('button', { name: '提交订单' }));
};

describe('insured form', () => {
  it('asks for agreement to the user agreement and privacy notice before anything is sent, then records it with its versions', async () => {
    const api = stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => ok(anOrder()) });
    const { container } = await openInsuredPage();
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    expect(consentBox()).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(screen.getByRole('button', { name: '提交订单' }));
    await waitFor(() => expect(toasts).toEqual([{ title: '请先阅读并同意《用户协议》和《隐私政策》', icon: 'none' }]));
    expect(api.callsTo('POST /api/v1/orders')).toHaveLength(0);
    expect(api.callsTo('POST /api/v1/me/consents')).toHaveLength(0);

    submit();
    await waitFor(() => expect(api.callsTo('POST /api/v1/orders')).toHaveLength(1));
    expect(api.callsTo('POST /api/v1/me/consents').map((call) => call.body)).toEqual([
      {
        consents: [
          { document: 'privacy', version: CURRENT_LEGAL_VERSIONS.privacy },
          { document: 'terms', version: CURRENT_LEGAL_VERSIONS.terms },
        ],
      },
    ]);
  });

  it('opens the user agreement from the consent line without ticking it', async () => {
    stubApi(sessionRoutes());
    await openInsuredPage();
    fireEvent.click(screen.getByText('《用户协议》'));
    expect(routeCalls).toEqual([{ kind: 'navigateTo', url: '/packages/legal/document/index?doc=terms' }]);
    expect(consentBox()).toHaveAttribute('aria-checked', 'false');
  });

  it('rejects an ID number with a wrong check character in Chinese and never submits', async () => {
    const api = stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => ok(anOrder()) });
    const { container } = await openInsuredPage();

    fill(container, { name: '张三丰', id: BAD_CHECKSUM_ID, phone: '13812345678' });
    submit();

    expect(await screen.findByText('身份证号码校验位不正确，请核对')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/orders')).toHaveLength(0);
    expect(routeCalls).toEqual([]);
  });

  it('says what is missing in every field', async () => {
    const api = stubApi(sessionRoutes());
    await openInsuredPage();

    submit();

    expect(screen.getByText('请填写被保险人姓名')).toBeInTheDocument();
    expect(screen.getByText('请填写被保险人身份证号码')).toBeInTheDocument();
    expect(screen.getByText('请填写手机号')).toBeInTheDocument();
    expect(api.callsTo('POST /api/v1/orders')).toHaveLength(0);
  });

  it('checks a field when the buyer leaves it, and shows the ID masked once it is valid', async () => {
    stubApi(sessionRoutes());
    const { container } = await openInsuredPage();

    fill(container, { phone: '1381234' });
    fireEvent.blur(container.querySelector('.insured-form__phone')!);
    expect(screen.getByText('请填写正确的11位手机号')).toBeInTheDocument();

    fill(container, { id: VALID_ID });
    expect(screen.getByText('保单上将显示为 1101**********4573')).toBeInTheDocument();
  });

  it('places the order with an idempotency key, the confirmed exclusions version and the sales trail', async () => {
    const api = stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => ok(anOrder()) });
    const { container } = await openInsuredPage();

    fireEvent.click(container.querySelector('.insured-relation__option[data-relation="other"]')!);
    expect(screen.getByText(/请确认已征得其同意/)).toBeInTheDocument();
    fill(container, { name: ' 张三丰 ', id: '11010519491231002x', phone: '13812345678' });
    // 为他人投保 records who the insured is to the buyer: asked before anything is sent.
    submit();
    await waitFor(() => expect(toasts).toContainEqual({ title: '请选择被保险人是您的什么人', icon: 'none' }));
    expect(api.callsTo('POST /api/v1/orders')).toHaveLength(0);
    fireEvent.click(container.querySelector('.insured-kin__option[data-kin="parent"]')!);
    submit();

    await waitFor(() =>
      expect(routeCalls).toEqual([{ kind: 'navigateTo', url: `/packages/buy/pay/index?orderId=${anOrder().id}` }]),
    );
    const [call] = api.callsTo('POST /api/v1/orders');
    expect(call?.headers['Idempotency-Key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(call?.headers.Authorization).toBe('Bearer token-1');
    const body = call?.body as {
      quoteId: string;
      insured: unknown;
      exclusionsReadVersion: string;
      salesTrail: { type: string; page: string; detail?: string }[];
    };
    expect(body.quoteId).toBe(aQuote().id);
    expect(body.insured).toEqual({
      name: '张三丰',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      idType: 'id_card',
      relationship: 'parent',
    });
    expect((body as { saveInsured?: boolean }).saveInsured).toBe(false);
    expect(body.exclusionsReadVersion).toBe(VERSION_ID);
    expect(body.salesTrail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'page_view', page: 'insured' }),
        expect.objectContaining({ type: 'form_submitted', page: 'insured', detail: '为他人投保' }),
      ]),
    );
    expect(salesTrail.orderId).toBe(anOrder().id);
  });

  it('retries a submission that got no answer with the same idempotency key', async () => {
    let attempts = 0;
    const api = stubApi({
      ...sessionRoutes(),
      'POST /api/v1/orders': () => (++attempts === 1 ? new TypeError('Failed to fetch') : ok(anOrder())),
    });
    const { container } = await openInsuredPage();
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    submit();
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument();
    submit();

    await waitFor(() => expect(routeCalls).toHaveLength(1));
    const keys = api.callsTo('POST /api/v1/orders').map((call) => call.headers['Idempotency-Key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("puts the server's field issues and a duplicate insured next to the field", async () => {
    let answer = fail(400, 'VALIDATION_FAILED', '提交的信息有误，请检查后重试', [
      { field: 'insured.phone', issue: '该手机号无法接收短信' },
    ]);
    stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => answer });
    const { container } = await openInsuredPage();
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    submit();
    expect(await screen.findByText('该手机号无法接收短信')).toBeInTheDocument();

    answer = fail(409, 'DUPLICATE_INSURED_ON_FLIGHT', '该被保险人已投保此航班，同一航班限投一份');
    submit();
    expect(await screen.findByText('该被保险人已投保此航班，同一航班限投一份')).toHaveAttribute(
      'data-field',
      'idNumber',
    );
  });

  it('refuses a second order for the same insured while the first awaits payment, and offers to pay the first', async () => {
    const message = '该被保险人已有一笔相同保障的待支付订单，请先完成支付，或在该订单关闭（下单30分钟后）后再投保';
    stubApi({
      ...sessionRoutes(),
      'POST /api/v1/orders': () =>
        fail(409, 'INSURED_ORDER_PENDING', message, { orderId: 'b3a1c1f0-0000-4000-8000-000000000001' }),
    });
    const { container } = await openInsuredPage();
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    submit();
    expect(await screen.findByText(message)).toHaveAttribute('data-field', 'idNumber');
    fireEvent.click(screen.getByText('去支付'));
    expect(routeCalls).toEqual([
      { kind: 'redirectTo', url: '/packages/buy/pay/index?orderId=b3a1c1f0-0000-4000-8000-000000000001' },
    ]);
  });

  it('offers a new quote when the quote expired', async () => {
    stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => fail(410, 'QUOTE_EXPIRED', '报价已过期，请重新报价') });
    const { container } = await openInsuredPage();
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    submit();
    fireEvent.click(await screen.findByText('重新报价'));

    expect(screen.getByText('报价已过期，请重新报价')).toBeInTheDocument();
    expect(routeCalls).toEqual([{ kind: 'navigateBack' }]);
  });

  it('sends the buyer back to quote again when the stored purchase predates the tagged subject (an app update mid-purchase)', async () => {
    const { subject, ...rest } = aQuote();
    const quote = { ...rest, flight: subject.kind === 'flight' ? subject.flight : null, weather: null };
    storage.set('xiaoan.purchase', { quote, exclusionsReadVersion: VERSION_ID, order: null });
    setRouterParams({ quoteId: quote.id });
    render(<InsuredPage />);
    expect(screen.getByText('报价已失效')).toBeInTheDocument();
    await settle();
  });

  it('summarises a flight quote by its date, route and the delay rule in short, on the flight steps', async () => {
    stubApi(sessionRoutes());
    const { container } = await openInsuredPage();

    const summary = container.querySelector<HTMLElement>('.order-summary')!;
    expect(summary.querySelector('.order-summary__head')).toHaveTextContent('航班延误险');
    expect(summary.querySelector('.order-summary__date')).not.toBeNull();
    expect(summary.querySelector('.flight-route--compact')).not.toBeNull();
    expect(summary.querySelector('.order-summary__facts')).toHaveTextContent('赔付 ¥200.00延误≥120分钟 / 取消 / 备降');
    expect(summary.querySelector('.order-summary__trigger')).toBeNull();
    expect(container.querySelector('.purchase-steps')).toHaveTextContent('选择航班');
  });

  it('summarises a HEAT37 quote by city, season and units instead of a flight, on the heat steps', async () => {
    stubApi(sessionRoutes());
    const { container } = await openInsuredPage(aHeatQuote());

    const summary = container.querySelector<HTMLElement>('.order-summary')!;
    expect(summary).toHaveTextContent('武汉 · 2027年高温季');
    expect(summary).toHaveTextContent('2份 · 保障 2027年6月21日–8月31日');
    expect(summary).toHaveTextContent('最高赔付 ¥200.00');
    expect(container.querySelector('.flight-route')).toBeNull();
    expect(container.querySelector('.purchase-steps')).toHaveTextContent('选择城市');
    expect(screen.getByText('¥36.00')).toBeInTheDocument();
  });

  it('summarises a RAIN quote by spot, date and persons', async () => {
    stubApi(sessionRoutes());
    const { container } = await openInsuredPage(aRainQuote());

    const summary = container.querySelector<HTMLElement>('.order-summary')!;
    expect(summary).toHaveTextContent('西湖 · 杭州');
    expect(summary).toHaveTextContent('2026年12月5日 09:00–17:00 · 3人');
    expect(summary).toHaveTextContent('09:00–17:00 景区观测站累计降雨≥2.0毫米，每人赔 ¥10，自动发放');
  });

  it('puts a second policy for the same city-season on the ID number field', async () => {
    stubApi({
      ...sessionRoutes(),
      'POST /api/v1/orders': () =>
        fail(409, 'DUPLICATE_INSURED_ON_PLACE', '该被保险人已投保过同一城市同一季（或同一景区同一天），不能重复投保'),
    });
    const { container } = await openInsuredPage(aHeatQuote());
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });

    submit();

    expect(
      await screen.findByText('该被保险人已投保过同一城市同一季（或同一景区同一天），不能重复投保'),
    ).toHaveAttribute('data-field', 'idNumber');
  });
  it('asks for every person a RAIN order covers, each with their own 身份证', async () => {
    const api = stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => ok(anOrder()) });
    const { container } = await openInsuredPage(aRainQuote());
    expect(container.querySelectorAll('.insured-companion')).toHaveLength(2);
    // Plain words on the order summary: no version numbers, station ids or quote ids.
    expect(container.textContent).not.toMatch(/第 \d+ 版|条款版本|RAIN v\d|A58457|[0-9a-f]{8}-[0-9a-f]{4}-/);
    fill(container, { name: '张三丰', id: VALID_ID, phone: '13812345678' });
    submit();
    expect(await screen.findAllByText('请填写被保险人姓名')).toHaveLength(2);
    expect(api.callsTo('POST /api/v1/orders')).toHaveLength(0);

    const companions = container.querySelectorAll('.insured-companion');
    fireEvent.input(companions[0]!.querySelector('.insured-companion__name')!, { target: { value: '李小雨' } });
    fireEvent.input(companions[0]!.querySelector('.insured-companion__id')!, {
      target: { value: '11010519491231002X' },
    });
    fireEvent.input(companions[1]!.querySelector('.insured-companion__name')!, { target: { value: '王小晴' } });
    fireEvent.input(companions[1]!.querySelector('.insured-companion__id')!, {
      target: { value: '110101199003074573' },
    });
    submit();
    await waitFor(() => expect(api.callsTo('POST /api/v1/orders')).toHaveLength(1));
    const body = api.callsTo('POST /api/v1/orders')[0]!.body as { companions: unknown[] };
    expect(body.companions).toEqual([
      { name: '李小雨', idNumber: '11010519491231002X', idType: 'id_card', relationship: 'other' },
      { name: '王小晴', idNumber: '110101199003074573', idType: 'id_card', relationship: 'other' },
    ]);
  });

  it('takes a passport for flight cover, named as on the passport, checked by its own format', async () => {
    const api = stubApi({ ...sessionRoutes(), 'POST /api/v1/orders': () => ok(anOrder()) });
    const { container } = await openInsuredPage();
    fireEvent.click(container.querySelector('.insured-idtype__option[data-idtype="passport"]')!);
    fill(container, { name: 'SMITH JOHN', id: 'E1234-5678', phone: '13812345678' });
    submit();
    expect(await screen.findByText('护照号码格式不正确，请核对')).toBeInTheDocument();
    fill(container, { id: 'e12345678' });
    submit();
    await waitFor(() => expect(api.callsTo('POST /api/v1/orders')).toHaveLength(1));
    expect((api.callsTo('POST /api/v1/orders')[0]!.body as { insured: unknown }).insured).toEqual({
      name: 'SMITH JOHN',
      idNumber: 'E12345678',
      phone: '13812345678',
      idType: 'passport',
      relationship: 'self',
    });
  });

  it('saves the insured only when the box is ticked, and picks a saved one in one tap', async () => {
    const saved = {
      id: '00000000-0000-4000-8000-0000000000e1',
      nameMasked: '孙*',
      idType: 'id_card',
      idMasked: '1101**********4573',
      phoneMasked: '139****1111',
      relationship: 'parent',
      createdAt: '2026-12-01T00:00:00.000Z',
    };
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/me/insureds': () => ok({ items: [saved] }),
      'POST /api/v1/orders': () => ok(anOrder()),
    });
    const { container } = await openInsuredPage();
    fireEvent.click(await screen.findByText('孙*'));
    expect(container.querySelector('.insured-form__name')).toBeNull();
    expect(screen.getByText(/孙\* · 居民身份证 1101\*\*\*\*\*\*\*\*\*\*4573/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /保存为常用被保险人/ })).toHaveAttribute('aria-checked', 'false');
    submit();
    await waitFor(() => expect(api.callsTo('POST /api/v1/orders')).toHaveLength(1));
    const body = api.callsTo('POST /api/v1/orders')[0]!.body as { insured: unknown; saveInsured: boolean };
    expect(body.insured).toEqual({ savedId: saved.id, relationship: 'parent' });
    expect(body.saveInsured).toBe(false);
  });

  it('picks a saved person for each further person on a RAIN order, one place each, and 身份证 holders only', async () => {
    const person = (id: string, nameMasked: string, idType = 'id_card', relationship = 'other') => ({
      id,
      nameMasked,
      idType,
      idMasked: idType === 'id_card' ? '1101**********4573' : 'E1****678',
      phoneMasked: '139****1111',
      relationship,
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    const self = person('00000000-0000-4000-8000-0000000000e1', '张*丰', 'id_card', 'self');
    const spouse = person('00000000-0000-4000-8000-0000000000e2', '李*雨', 'id_card', 'spouse');
    const traveller = person('00000000-0000-4000-8000-0000000000e3', 'S***H', 'passport');
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/me/insureds': () => ok({ items: [self, spouse, traveller] }),
      'POST /api/v1/orders': () => ok(anOrder()),
    });
    const { container } = await openInsuredPage(aRainQuote());
    await screen.findAllByText('张*丰');
    // Three pickers (the named insured and the two further persons); no passport on weather cover.
    expect(container.querySelectorAll('.saved-insureds')).toHaveLength(3);
    expect(screen.queryByText('S***H')).toBeNull();

    fireEvent.click(container.querySelector('.saved-insureds .saved-insureds__chip')!);
    const companions = () => container.querySelectorAll('.insured-companion');
    // The person picked for the first place is taken: tapping it for the second place does nothing.
    const chipsOf = (index: number) => companions()[index]!.querySelectorAll('.saved-insureds__chip');
    expect(chipsOf(0)[0]).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(chipsOf(0)[0]!);
    expect(companions()[0]!.querySelector('.insured-form__picked')).toBeNull();

    fireEvent.click(chipsOf(0)[1]!);
    expect(companions()[0]!.querySelector('.insured-companion__name')).toBeNull();
    expect(companions()[0]!).toHaveTextContent('李*雨 · 居民身份证 1101**********4573');
    expect(chipsOf(1)[1]).toHaveAttribute('aria-disabled', 'true');
    fireEvent.input(companions()[1]!.querySelector('.insured-companion__name')!, { target: { value: '王小晴' } });
    fireEvent.input(companions()[1]!.querySelector('.insured-companion__id')!, {
      target: { value: '11010519491231002X' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /保存为常用被保险人/ }));
    submit();

    await waitFor(() => expect(api.callsTo('POST /api/v1/orders')).toHaveLength(1));
    const body = api.callsTo('POST /api/v1/orders')[0]!.body as {
      insured: unknown;
      companions: unknown[];
      saveInsured: boolean;
    };
    expect(body.insured).toEqual({ savedId: self.id, relationship: 'self' });
    expect(body.companions).toEqual([
      { savedId: spouse.id, relationship: 'spouse' },
      { name: '王小晴', idNumber: '11010519491231002X', idType: 'id_card', relationship: 'other' },
    ]);
    expect(body.saveInsured).toBe(true);
  });

  it('goes back to typing for a further person when 改为填写 is tapped', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/me/insureds': () =>
        ok({
          items: [
            {
              id: '00000000-0000-4000-8000-0000000000e2',
              nameMasked: '李*雨',
              idType: 'id_card',
              idMasked: '1101**********002X',
              phoneMasked: null,
              relationship: 'spouse',
              createdAt: '2026-12-01T00:00:00.000Z',
            },
          ],
        }),
    });
    const { container } = await openInsuredPage(aRainQuote());
    await screen.findAllByText('李*雨');
    const first = container.querySelectorAll('.insured-companion')[0]!;
    fireEvent.click(first.querySelector('.saved-insureds__chip')!);
    expect(first.querySelector('.insured-companion__name')).toBeNull();
    fireEvent.click(screen.getByText('改为填写'));
    expect(
      container.querySelectorAll('.insured-companion')[0]!.querySelector('.insured-companion__name'),
    ).not.toBeNull();
  });

  it('fills the phone from WeChat in H5 through the simulator: a one-time code exchanged by the BFF', async () => {
    const api = stubApi({
      ...sessionRoutes(),
      'POST /api/dev/sim/phone-code': () => ok({ code: 'phone-code-1' }),
      'POST /api/v1/me/phone-number': (call) =>
        (call.body as { code?: string }).code === 'phone-code-1'
          ? ok({ phoneNumber: '13912345678' })
          : fail(400, 'PHONE_CODE_INVALID', '获取手机号失败，请手动填写'),
    });
    const { container } = await openInsuredPage();

    fireEvent.click(await screen.findByRole('button', { name: '使用微信手机号' }));

    const phoneField = () => container.querySelector<HTMLInputElement>('.insured-form__phone')!;
    await waitFor(() => expect(phoneField().value).toBe('13912345678'));
    expect(api.callsTo('POST /api/dev/sim/phone-code')[0]?.headers.Authorization).toBe('Bearer token-1');
    expect(api.callsTo('POST /api/v1/me/phone-number').map((call) => call.body)).toEqual([{ code: 'phone-code-1' }]);
  });

  it('says so and leaves the phone to be typed when WeChat gives no number', async () => {
    stubApi({
      ...sessionRoutes(),
      'POST /api/dev/sim/phone-code': () => ok({ code: 'used-code' }),
      'POST /api/v1/me/phone-number': () => fail(400, 'PHONE_CODE_INVALID', '获取手机号失败，请手动填写'),
    });
    const { container } = await openInsuredPage();

    fireEvent.click(await screen.findByRole('button', { name: '使用微信手机号' }));

    await waitFor(() => expect(toasts).toEqual([{ title: '获取手机号失败，请手动填写', icon: 'none' }]));
    expect(container.querySelector<HTMLInputElement>('.insured-form__phone')!.value).toBe('');
  });

  it('offers no 使用微信手机号 in an H5 build without the simulator (there is no phone to ask)', async () => {
    const api = stubApi({ ...sessionRoutes(false) });
    await openInsuredPage();
    await waitFor(() => expect(api.callsTo('GET /api/v1/app-config')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('button', { name: '使用微信手机号' })).toBeNull();
  });
});
