import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { policyDocumentPath, type Order, type PolicyDetail, type ProductListResponse } from '@xiaoan/shared';
import { extractText, getDocumentProxy } from 'unpdf';
import { subjectOfKind } from '../support/cover-subject.js';
import { makeIdNumber, newCustomer, type TestCustomer } from '../support/customer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { buyWeather, importSimulatedHistory, travelTo } from './weather.fixtures.js';

interface DocumentAnswer {
  status: number;
  contentType: string | null;
  disposition: string | null;
  bytes: Buffer;
}

/** The e-policy (电子保单): a PDF per policy with its facts, exclusions and a 保单验真 QR code. */
describe('the e-policy: a PDF of the policy as issued, for its owner only', () => {
  let testApp: TestApp;
  let owner: TestCustomer;

  beforeAll(async () => {
    testApp = await startTestApp({ simulator: { timeScale: 3600 } });
    await importSimulatedHistory(testApp);
    owner = await newCustomer(testApp);
  }, 120_000);
  afterAll(async () => {
    await testApp?.close();
  });

  const download = async (policyNo: string, token: string | null): Promise<DocumentAnswer> => {
    const response = await fetch(`${testApp.baseUrl}${policyDocumentPath(policyNo)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  /** The text a reader sees, in reading order, with line breaks folded away; the e-policy is one A4 page. */
  const textOf = async (bytes: Buffer): Promise<string> => {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    expect(pdf.numPages).toBe(1);
    const { text } = await extractText(pdf, { mergePages: true });
    return text.replace(/\s+/g, ' ');
  };
  const policyOf = async (customer: TestCustomer, order: Order): Promise<PolicyDetail> => {
    expect(order.status).toBe('issued');
    return (await customer.api<PolicyDetail>('GET', `/api/v1/policies/${order.policyNo}`)).body;
  };

  it('states a flight-delay policy: insurer, filing number, flight, trigger, masked insured, exclusions and where to verify it', async () => {
    const quote = await owner.quote({ productCode: 'FD120', flightNo: 'MU5101' });
    const ordered = await owner.order(quote, { name: '王小明', idNumber: makeIdNumber(4242) });
    expect(ordered.status).toBe(201);
    owner.pay(ordered.body);
    const order = await owner.waitForOrder(ordered.body.id, ['issued']);
    const policy = await policyOf(owner, order);

    const answer = await download(policy.policyNo, owner.token);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/pdf');
    expect(answer.disposition).toBe(`inline; filename="${policy.policyNo}.pdf"`);
    expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = await textOf(answer.bytes);
    expect(text).toContain('电子保险单');
    expect(text).toContain(policy.policyNo);
    expect(text).toContain(policy.productName);
    expect(text).toContain(policy.insurerName);
    expect(text).toContain(policy.filingNo);
    expect(text).toContain(policy.orderNo);
    expect(text).toContain(policy.insuredNameMasked);
    expect(text).not.toContain('王小明');
    expect(text).toContain(policy.insuredIdMasked);
    expect(text).toContain('MU5101');
    expect(text).toContain(subjectOfKind(policy.subject, 'flight').flight.flightDate);
    expect(text).toContain('晚于计划到达时间 2 小时及以上，或航班取消、备降');
    expect(text).toContain('免责条款');
    const products = (await owner.api<ProductListResponse>('GET', '/api/v1/products')).body.items;
    const exclusions = products.find((product) => product.code === 'FD120')!.currentVersion.exclusions;
    // A long exclusion wraps: compare without the line breaks (and spaces) the layout adds.
    const unbroken = text.replace(/\s+/g, '');
    for (const exclusion of exclusions) expect(unbroken).toContain(exclusion.replace(/\s+/g, ''));
    expect(text).toContain('扫码验真');
    expect(text).toContain('投保人 王*明（即被保险人本人）');
    expect(text).toContain('客服热线 400-886-9595');
    expect(text).toContain(`/#/packages/policy/verify/index?policyNo=${policy.policyNo}`);
    // Plain words: the terms are named by their filing number, never by an internal version or code.
    expect(text).toContain(`保险条款全文以备案编号 ${policy.filingNo} 的条款为准`);
    expect(text).not.toMatch(/第 ?\d+ ?版|条款版本|\bv\d+\b|SIM-|FD120|FD60/);
  });

  it('states a HEAT37 policy’s city, covered days, units and deductible, and a RAIN policy’s spot, day and persons', async () => {
    await travelTo(testApp, '2027-06-10T10:00:00+08:00');
    const heatBuyer = await newCustomer(testApp);
    const heat = await buyWeather(
      heatBuyer,
      { productCode: 'HEAT37', cityCode: 'shanghai', units: 3, seasonYear: 2027 },
      { idNumber: makeIdNumber(5151) },
    );
    const heatPolicy = await policyOf(heatBuyer, heat.order);
    const heatText = await textOf((await download(heatPolicy.policyNo, heatBuyer.token)).bytes);
    const heatSubject = subjectOfKind(heatPolicy.subject, 'heat');
    expect(heatText).toContain('上海');
    expect(heatText).toContain(`${heatSubject.coverStartDate} 至 ${heatSubject.coverEndDate}`);
    expect(heatText).toContain('3 份');
    expect(heatText).toContain(`${heatSubject.deductibleDays} 天`);
    expect(heatText).toContain('本单最高 ¥300.00');

    const rainBuyer = await newCustomer(testApp);
    const rain = await buyWeather(
      rainBuyer,
      { productCode: 'RAIN', spotCode: 'xihu', visitDate: '2027-06-20', persons: 2 },
      { idNumber: makeIdNumber(6161) },
    );
    const rainPolicy = await policyOf(rainBuyer, rain.order);
    const rainText = await textOf((await download(rainPolicy.policyNo, rainBuyer.token)).bytes);
    expect(rainText).toContain('西湖');
    expect(rainText).toContain('2027-06-20');
    expect(rainText).toContain('2 人');
    expect(rainText).toContain('2.0 mm');
    expect(rainText).toContain('本单 ¥20.00');
    for (const text of [heatText, rainText]) expect(text).not.toMatch(/第 ?\d+ ?版|条款版本|\bv\d+\b|SIM-|HEAT37|RAIN/);
  }, 60_000);

  it('is its owner’s only: another customer, no session or a malformed number gets an error and no document', async () => {
    const policyNo = (await owner.api<{ items: { policyNo: string }[] }>('GET', '/api/v1/policies')).body.items[0]!
      .policyNo;
    const stranger = await newCustomer(testApp);

    const foreign = await download(policyNo, stranger.token);
    expect(foreign.status).toBe(404);
    expect(JSON.parse(foreign.bytes.toString('utf8'))).toMatchObject({ code: 'POLICY_NOT_FOUND' });

    const anonymous = await download(policyNo, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/json');

    const malformed = await download('not-a-policy', owner.token);
    expect(malformed.status).toBe(404);
    expect(JSON.parse(malformed.bytes.toString('utf8'))).toMatchObject({ code: 'POLICY_NOT_FOUND' });
  });

  it('limits downloads per customer, answering RATE_LIMITED once the minute’s budget is spent', async () => {
    const customer = await newCustomer(testApp);
    const policyNo = (await owner.api<{ items: { policyNo: string }[] }>('GET', '/api/v1/policies')).body.items[0]!
      .policyNo;
    // A stranger's attempts count too (each costs a lookup), and they never see a document. Budgets
    // are per clock minute: 21 tries fill at least one minute's 10 whatever the boundary.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await download(policyNo, customer.token)).status);
    expect(statuses).toContain(429);
    expect(statuses.every((status) => status === 404 || status === 429)).toBe(true);
    // A fresh customer's first minute allows 10: the first refusal comes after them.
    expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(10);
  });
});
