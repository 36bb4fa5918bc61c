import type { ClaimDetail, ClaimSummary, CollectClaimResponse } from '@xiaoan/shared';

/** Claims shaped like the BFF's answers: MU5101 landed 146 minutes late on an FD120 policy. */
export const CLAIM_ID = '00000000-0000-4000-8000-0000000000d1';

export const aClaim = (overrides: Partial<ClaimSummary> = {}): ClaimSummary => ({
  id: CLAIM_ID,
  claimNo: 'CL202612010001',
  status: 'approved',
  policyNo: 'XAFD120202612010001',
  productName: '航班延误险',
  amountFen: 20_000,
  headline: 'MU5101 晚到 146 分钟',
  createdAt: '2026-12-01T16:32:05+08:00',
  paidAt: null,
  collectable: true,
  ...overrides,
});

export const aClaimDetail = (overrides: Partial<ClaimDetail> = {}): ClaimDetail => ({
  ...aClaim(),
  evidence: {
    kind: 'flight',
    flightNo: 'MU5101',
    flightDate: '2026-12-01',
    outcome: 'arrived',
    scheduledArrival: '2026-12-01T14:05:00+08:00',
    actualArrival: '2026-12-01T16:31:00+08:00',
    delayMinutes: 146,
    thresholdMinutes: 120,
    rule: 'FD120 v1',
    providerEventIds: ['evt-mu5101-0003', 'evt-mu5101-0007'],
  },
  timeline: [
    { at: '2026-12-01T16:31:40+08:00', title: '收到航班到达数据', detail: '实际到达 16:31（数据源事件 evt-mu5101-0007）' },
    { at: '2026-12-01T16:32:05+08:00', title: '自动理赔通过', detail: '计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120' },
    { at: '2026-12-01T16:32:06+08:00', title: '已发送理赔通知' },
  ],
  rejectedReason: null,
  ...overrides,
});

export const aTransferBill = (overrides: Partial<CollectClaimResponse> = {}): CollectClaimResponse => ({
  mchId: '1900000109',
  appId: 'wxapp0001',
  package: 'ABBQO+oYAAABAAAAAAC2Z2x6xv4AAAAO',
  openId: 'oDev0001',
  ...overrides,
});
