import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fieldErrorsOf,
  fieldLabelOf,
  formPathOf,
  toDefinition,
  toFormValues,
  violationsOf,
  yuanToFen,
  type CampaignFormValues,
} from './campaign-form.js';

const values: CampaignFormValues = {
  name: ' 邀好友看条款 ',
  window: ['2026-12-04T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
  budgetYuan: 1000.1,
  rulesText: '好友阅读条款后您可获得5元现金红包',
  shareTitle: '看看条款怎么写',
  shareImageUrl: 'https://cdn.example/card.png',
  pendingDays: 3,
  rewardRules: [
    { trigger: 'friend_read_terms', beneficiary: 'inviter', kind: 'cash', amountYuan: 0.29 },
    { trigger: 'friend_enable_claim_reminders', beneficiary: 'friend', kind: 'points', points: 100 },
  ],
};

describe('the campaign form', () => {
  it('stores money typed in yuan as whole fen, without float drift', () => {
    assert.equal(yuanToFen(0.29), 29);
    assert.equal(yuanToFen(0.1 + 0.2), 30);
    const definition = toDefinition(values);
    assert.equal(definition.budgetFen, 100_010);
    assert.deepEqual(definition.rewardRules[0]!.reward, { kind: 'cash', amountFen: 29 });
    assert.deepEqual(definition.rewardRules[1]!.reward, { kind: 'points', points: 100 });
    assert.equal(definition.name, '邀好友看条款');
  });

  it('reads a stored definition back into the same form values', () => {
    const definition = {
      ...toDefinition(values),
      caps: { perUserPerDay: 3, perIpPerDay: 10, perCampaignPerDay: 1000 },
      pendingDays: 3,
      budgetFen: 100_010,
    } as Parameters<typeof toFormValues>[0];
    const back = toFormValues(definition);
    assert.equal(back.budgetYuan, 1000.1);
    assert.equal(back.rewardRules[0]!.amountYuan, 0.29);
    assert.equal(back.rewardRules[1]!.points, 100);
  });

  it('puts each refused rule next to its field, and names the field in plain words', () => {
    assert.deepEqual(formPathOf('rewardRules[2].trigger'), ['rewardRules', 2, 'trigger']);
    assert.deepEqual(formPathOf('rewardRules[0].reward.amountFen'), ['rewardRules', 0, 'amountYuan']);
    assert.deepEqual(formPathOf('endsAt'), ['window']);
    assert.deepEqual(formPathOf('budgetFen'), ['budgetYuan']);
    assert.deepEqual(formPathOf('shareCard.title'), ['shareTitle']);
    assert.equal(formPathOf('somethingElse'), null);
    assert.equal(fieldLabelOf('rewardRules[0].trigger'), '奖励规则 1');
    assert.equal(fieldLabelOf('shareCard.title'), '分享卡片标题');
    const errors = fieldErrorsOf([
      { code: 'PURCHASE_TRIGGER', field: 'rewardRules[0].trigger', message: '奖励不得与购买挂钩' },
      { code: 'HELPER_UNSTATED', field: 'rewardRules[0].helperCount', message: '助力人数' },
      { code: 'FORBIDDEN_COPY', field: 'shareCard.title', message: '夸大' },
      { code: 'X', field: 'caps', message: '无字段' },
    ]);
    assert.deepEqual(errors, [
      { name: ['rewardRules', 0, 'trigger'], errors: ['奖励不得与购买挂钩', '助力人数'] },
      { name: ['shareTitle'], errors: ['夸大'] },
    ]);
  });

  it('takes violations only from a well-formed refusal', () => {
    assert.deepEqual(violationsOf(undefined), []);
    assert.deepEqual(violationsOf({ violations: 'no' }), []);
    assert.equal(violationsOf({ violations: [{ code: 'A', field: 'name', message: 'm' }, { bad: true }] }).length, 1);
  });
});
