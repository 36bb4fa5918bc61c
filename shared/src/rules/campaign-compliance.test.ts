import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
  type CampaignDefinitionInput,
} from '../contracts/campaign.contract.js';
import { CAMPAIGN_COMPLIANCE_RULES, checkCampaignCompliance } from './campaign-compliance.js';

const RULES =
  '活动时间内，您邀请的新朋友首次登录小安保险并阅读任一产品的保险条款后，您可获得5元现金红包。每人每天最多3份，红包在7天观察期后可领取。奖励与是否购买保险无关。';

const base = (overrides: Partial<CampaignDefinitionInput> = {}): CampaignDefinition =>
  campaignDefinitionSchema.parse({
    name: '邀请好友了解航延险',
    startsAt: '2026-12-01T00:00:00+08:00',
    endsAt: '2026-12-31T23:59:59+08:00',
    budgetFen: 100_000,
    rulesText: RULES,
    shareCard: { title: '航班延误自动赔，看看条款怎么写', imageUrl: 'https://cdn.example/card.png' },
    rewardRules: [{ trigger: 'friend_read_terms', reward: { kind: 'cash', amountFen: 500 } }],
    ...overrides,
  });

const codesOf = (definition: CampaignDefinition): string[] => {
  const result = checkCampaignCompliance(definition);
  return result.ok ? [] : result.violations.map((v) => v.code);
};

test('a fixed, stated cash reward for the friend reading the terms passes', () => {
  assert.deepEqual(checkCampaignCompliance(base()), { ok: true });
});

test('points rewards and a helper campaign with a stated helper count and fixed result pass', () => {
  const helper = base({
    rulesText: `${RULES} 助力：3位好友登录并开启理赔提醒后，您获得200积分。`,
    rewardRules: [
      {
        trigger: 'helpers_reached',
        helperCount: 3,
        helperAction: 'friend_enable_claim_reminders',
        reward: { kind: 'points', points: 200 },
      },
    ],
  });
  assert.deepEqual(checkCampaignCompliance(helper), { ok: true });
});

for (const trigger of ['friend_purchase', 'friend_payment', 'friend_policy_issued'] as const) {
  test(`refuses a reward triggered by ${trigger} (保险法 116)`, () => {
    const result = checkCampaignCompliance(
      base({ rewardRules: [{ trigger, reward: { kind: 'cash', amountFen: 500 } }] }),
    );
    assert.equal(result.ok, false);
    assert.ok(
      !result.ok &&
        result.violations.some(
          (v) =>
            v.code === 'PURCHASE_TRIGGER' && v.field === 'rewardRules[0].trigger' && /保险法第116条/.test(v.message),
        ),
    );
  });
}

for (const trigger of ['share', 'share_to_moments', 'card_opened'] as const) {
  test(`refuses a reward for ${trigger} (no reward for sharing or a mere open)`, () => {
    assert.deepEqual(codesOf(base({ rewardRules: [{ trigger, reward: { kind: 'cash', amountFen: 500 } }] })), [
      'SHARE_REWARD',
    ]);
  });
}

for (const kind of ['lottery', 'random_cash'] as const) {
  test(`refuses a ${kind} reward (random outcomes)`, () => {
    assert.deepEqual(codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind } }] })), [
      'RANDOM_REWARD',
    ]);
  });
}

for (const kind of ['premium_rebate', 'premium_coupon'] as const) {
  test(`refuses a ${kind} reward (no premium rebates or coupons)`, () => {
    assert.deepEqual(
      codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind, amountFen: 500 } }] })),
      ['PREMIUM_DISCOUNT'],
    );
  });
}

test('refuses giving a policy away', () => {
  assert.deepEqual(
    codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind: 'free_policy' } }] })),
    ['FREE_POLICY'],
  );
});

const fieldsOf = (definition: CampaignDefinition): string[] => {
  const result = checkCampaignCompliance(definition);
  return result.ok ? [] : result.violations.map((v) => `${v.code} ${v.field}`);
};

test('refuses a helper campaign without a stated helper count, and one whose rules do not state it', () => {
  const helperRules = `${RULES} 助力：5位新朋友通过您的邀请登录并阅读条款后，您获得5元。`;
  assert.deepEqual(
    fieldsOf(
      base({
        rewardRules: [
          { trigger: 'helpers_reached', helperAction: 'friend_read_terms', reward: { kind: 'cash', amountFen: 500 } },
        ],
      }),
    ),
    ['HELPER_UNSTATED rewardRules[0].helperCount'],
  );
  assert.deepEqual(
    fieldsOf(
      base({
        rewardRules: [
          {
            trigger: 'helpers_reached',
            helperCount: 5,
            helperAction: 'friend_read_terms',
            reward: { kind: 'cash', amountFen: 500 },
          },
        ],
      }),
    ),
    ['HELPER_UNSTATED rewardRules[0].helperCount'],
  );
  assert.deepEqual(
    checkCampaignCompliance(
      base({
        rulesText: helperRules,
        rewardRules: [
          {
            trigger: 'helpers_reached',
            helperCount: 5,
            helperAction: 'friend_read_terms',
            reward: { kind: 'cash', amountFen: 500 },
          },
        ],
      }),
    ),
    { ok: true },
  );
});

test('refuses a helper campaign with a random result: a lottery, random cash, random cuts or an undisclosed "up to" amount', () => {
  const helperRules = `${RULES} 助力：5位新朋友通过您的邀请登录并阅读条款后，您获得5元。`;
  const rule = { trigger: 'helpers_reached' as const, helperCount: 5, helperAction: 'friend_read_terms' as const };
  for (const kind of ['lottery', 'random_cash'] as const) {
    assert.deepEqual(fieldsOf(base({ rulesText: helperRules, rewardRules: [{ ...rule, reward: { kind } }] })), [
      'RANDOM_REWARD rewardRules[0].reward.kind',
    ]);
  }
  for (const copy of ['每位好友助力随机砍一刀', '好友帮砍，随机减价', '助力最高得88元']) {
    assert.ok(
      codesOf(
        base({
          rulesText: `${helperRules}${copy}`,
          rewardRules: [{ ...rule, reward: { kind: 'cash', amountFen: 500 } }],
        }),
      ).includes('RANDOM_REWARD'),
      copy,
    );
  }
});

test('a help counts only for the helper’s own non-purchase action: none stated, a purchase, a share or an open is refused; the result goes to the sharer', () => {
  const helperRules = `${RULES} 助力：5位新朋友通过您的邀请登录并阅读条款后，您获得5元。`;
  const withAction = (
    helperAction?: CampaignDefinitionInput['rewardRules'][number]['helperAction'],
    beneficiary: 'inviter' | 'friend' = 'inviter',
  ) =>
    fieldsOf(
      base({
        rulesText: helperRules,
        rewardRules: [
          {
            trigger: 'helpers_reached',
            helperCount: 5,
            beneficiary,
            ...(helperAction ? { helperAction } : {}),
            reward: { kind: 'cash', amountFen: 500 },
          },
        ],
      }),
    );
  assert.deepEqual(withAction(undefined), ['HELPER_UNSTATED rewardRules[0].helperAction']);
  assert.deepEqual(withAction('helpers_reached'), ['HELPER_UNSTATED rewardRules[0].helperAction']);
  assert.deepEqual(withAction('friend_purchase'), ['PURCHASE_TRIGGER rewardRules[0].helperAction']);
  assert.deepEqual(withAction('friend_policy_issued'), ['PURCHASE_TRIGGER rewardRules[0].helperAction']);
  assert.deepEqual(withAction('share'), ['SHARE_REWARD rewardRules[0].helperAction']);
  assert.deepEqual(withAction('card_opened'), ['SHARE_REWARD rewardRules[0].helperAction']);
  assert.deepEqual(withAction('friend_enable_claim_reminders', 'friend'), [
    'HELPER_UNSTATED rewardRules[0].beneficiary',
  ]);
  assert.deepEqual(withAction('friend_enable_claim_reminders'), []);
});

test('caps: every cap is configurable per campaign and defaults when left out', () => {
  const d = base();
  assert.deepEqual(d.caps, {
    perUserPerDay: 3,
    perUserPerCampaign: 20,
    perIpPerDay: 10,
    perIpPerCampaign: 50,
    perDevicePerDay: 3,
    perDevicePerCampaign: 10,
    perIdNumberPerDay: 3,
    perIdNumberPerCampaign: 20,
    perCampaignPerDay: 1000,
  });
  assert.equal(
    base({ caps: { perUserPerDay: 1, perDevicePerCampaign: 2 } as CampaignDefinitionInput['caps'] }).caps
      .perDevicePerCampaign,
    2,
  );
  assert.equal(campaignDefinitionSchema.safeParse({ ...d, caps: { ...d.caps, perIdNumberPerDay: 0 } }).success, false);
});

test('refuses missing or token rules text', () => {
  assert.ok(codesOf(base({ rulesText: '' })).includes('RULES_MISSING'));
  assert.ok(codesOf(base({ rulesText: '邀请有奖 5元' })).includes('RULES_MISSING'));
});

test('refuses a cash or points reward whose amount the rules text does not state', () => {
  assert.deepEqual(
    codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind: 'cash', amountFen: 800 } }] })),
    ['REWARD_UNDISCLOSED'],
  );
  assert.deepEqual(
    codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind: 'points', points: 50 } }] })),
    ['REWARD_UNDISCLOSED'],
  );
  // 15元 does not state 5元.
  assert.deepEqual(codesOf(base({ rulesText: RULES.replace('5元', '15元') })), ['REWARD_UNDISCLOSED']);
  assert.deepEqual(checkCampaignCompliance(base({ rulesText: RULES.replace('5元', '5.00 元') })), { ok: true });
});

const COPY: [string, string][] = [
  ['百元现金天天领', 'FORBIDDEN_COPY'],
  ['邀好友稳赚不赔', 'FORBIDDEN_COPY'],
  ['零风险躺赚', 'FORBIDDEN_COPY'],
  ['免费送保险，快来领', 'FREE_POLICY'],
  ['0元领保险', 'FREE_POLICY'],
  ['邀请好友返保费', 'PREMIUM_DISCOUNT'],
  ['保费8折优惠', 'PREMIUM_DISCOUNT'],
  ['送你一张优惠券', 'PREMIUM_DISCOUNT'],
  ['下单立减10元', 'PREMIUM_DISCOUNT'],
  ['分享即得红包', 'SHARE_REWARD'],
  ['参与抽奖赢大奖', 'RANDOM_REWARD'],
];
for (const [copy, code] of COPY) {
  test(`refuses the copy「${copy}」as ${code}, wherever it appears`, () => {
    for (const at of ['name', 'shareCard.title', 'rulesText'] as const) {
      const definition =
        at === 'name'
          ? base({ name: copy })
          : at === 'shareCard.title'
            ? base({ shareCard: { title: copy, imageUrl: 'x.png' } })
            : base({ rulesText: `${RULES}${copy}` });
      const result = checkCampaignCompliance(definition);
      assert.ok(!result.ok, `${copy} in ${at}`);
      const hit = result.violations.find((v) => v.field === at && v.code === code);
      assert.ok(hit, `${copy} in ${at}: ${JSON.stringify(result.violations)}`);
      assert.match(
        hit.message,
        new RegExp(CAMPAIGN_COMPLIANCE_RULES[code as keyof typeof CAMPAIGN_COMPLIANCE_RULES].slice(0, 6)),
      );
    }
  });
}

test('refuses an end before the start, a budget smaller than one reward, and an off-range cash amount', () => {
  assert.ok(codesOf(base({ endsAt: '2026-11-30T00:00:00+08:00' })).includes('WINDOW_INVALID'));
  assert.ok(codesOf(base({ budgetFen: 100 })).includes('BUDGET_INVALID'));
  assert.ok(
    codesOf(base({ rewardRules: [{ trigger: 'friend_read_terms', reward: { kind: 'cash', amountFen: 5 } }] })).includes(
      'REWARD_AMOUNT_INVALID',
    ),
  );
});

test('names every broken rule at once, each with a Chinese message', () => {
  const result = checkCampaignCompliance(
    base({
      rulesText: '',
      rewardRules: [
        { trigger: 'friend_purchase', reward: { kind: 'lottery' } },
        { trigger: 'share_to_moments', reward: { kind: 'premium_coupon' } },
      ],
    }),
  );
  assert.ok(!result.ok);
  assert.deepEqual(
    new Set(result.violations.map((v) => v.code)),
    new Set(['RULES_MISSING', 'PURCHASE_TRIGGER', 'RANDOM_REWARD', 'SHARE_REWARD', 'PREMIUM_DISCOUNT']),
  );
  for (const v of result.violations) assert.match(v.message, /[\u4e00-\u9fa5]/);
});
