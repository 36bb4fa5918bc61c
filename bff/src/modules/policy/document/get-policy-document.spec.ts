import { describe, expect, it } from '@jest/globals';
import type { PolicyDetail } from '@xiaoan/shared';
import { extractText, getDocumentProxy } from 'unpdf';
import type { IntegrationsConfig } from '../../../core/config/integrations-config.js';
import type { PolicyQueries } from '../policy.queries.js';
import { GetPolicyDocumentUseCase } from './get-policy-document.use-case.js';

const policy = (overrides: Partial<PolicyDetail> = {}): PolicyDetail =>
  ({
    policyNo: 'P202707040000017',
    status: 'active',
    productCode: 'RAIN',
    productName: '景区下雨险',
    premiumFen: 300,
    payoutFen: 3000,
    coverStart: '2027-07-04T16:00:00.000Z',
    coverEnd: '2027-07-05T16:00:00.000Z',
    issuedAt: '2027-07-04T04:00:00.000Z',
    insuredNameMasked: '张*',
    subject: {
      kind: 'rain',
      spotCode: 'xihu',
      spotName: '西湖',
      cityName: '杭州',
      visitDate: '2027-07-05',
      persons: 3,
      windowStart: '09:00',
      windowEnd: '17:00',
      thresholdMm: 2,
      payoutPerPersonFen: 1000,
    },
    insuredIdMasked: '1101**********4578',
    insuredPhoneMasked: '138****5678',
    insurerName: '小安在线财产保险股份有限公司',
    filingNo: 'C00000000000000000001',
    productVersion: 1,
    orderNo: 'O202707040000017',
    cancellation: { available: false, deadline: null, refundFen: 300, unavailableReason: null },
    cancelledAt: null,
    refund: null,
    insuredPersons: [
      { nameMasked: '张*', idType: 'id_card', idMasked: '1101**********4578', relationship: 'self' },
      { nameMasked: '李*雨', idType: 'id_card', idMasked: '1101**********1234', relationship: 'spouse' },
      { nameMasked: '王*晴', idType: 'id_card', idMasked: '1101**********5678', relationship: 'child' },
    ],
    insurerHotline: '400-886-9595',
    ...overrides,
  }) as PolicyDetail;

const render = async (detail: PolicyDetail, publicBaseUrl: string): Promise<string> => {
  const queries = {
    documentFactsFor: async () => ({ policy: detail, terms: null, exclusions: ['战争、核辐射造成的损失'] }),
  } as unknown as PolicyQueries;
  const useCase = new GetPolicyDocumentUseCase(queries, { publicBaseUrl } as IntegrationsConfig);
  const bytes = await useCase.execute('customer', detail.policyNo);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, ' ');
};

describe('the e-policy states who bought it, who is insured, whom to call, and where to verify it', () => {
  it('builds the verification address (the QR code’s content) from PUBLIC_BASE_URL', async () => {
    const text = await render(policy(), 'https://baoxian.example.cn');
    expect(text).toContain('https://baoxian.example.cn/#/packages/policy/verify/index?policyNo=P202707040000017');
    expect(text).not.toContain('127.0.0.1');
  });

  it('names the 投保人, every insured person with their relationship and document, and the insurer’s hotline', async () => {
    const text = await render(policy(), 'https://baoxian.example.cn');
    expect(text).toContain('投保人');
    expect(text).toContain('张*（即被保险人本人）');
    // Long values wrap: compare without the line breaks (and spaces) the layout adds.
    const unbroken = text.replace(/\s+/g, '');
    expect(unbroken).toContain('张*（本人）、李*雨（配偶）、王*晴（子女）');
    expect(unbroken).toContain('李*雨居民身份证1101**********1234');
    expect(text).toContain('客服热线');
    expect(text).toContain('400-886-9595');
  });

  it('says when a passport holder was insured by someone else, and by whom', async () => {
    const text = await render(
      policy({
        insuredNameMasked: 'S********N',
        insuredIdMasked: 'E*****678',
        insuredPersons: [
          { nameMasked: 'S********N', idType: 'passport', idMasked: 'E*****678', relationship: 'parent' },
        ],
      }),
      'https://baoxian.example.cn',
    );
    expect(text).toContain('本微信账户持有人（为父母投保）');
    expect(text).toContain('S********N（投保人的父母）');
    expect(text).toContain('护照 E*****678');
  });
});
