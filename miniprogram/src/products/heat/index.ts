import { formatCny, formatCnyShort } from '@xiaoan/shared';
import { formatDateRange } from '../../features/weather/weather-format';
import { heatPageUrl } from '../../routes';
import type { ProductKindUi } from '../product-kind';
import { HeatEvidence } from './heat-evidence/heat-evidence';

/** HEAT37: a city's hot season in units; every hot day past the deductible pays, up to a cap per unit. */
export const heat = {
  kind: 'heat',
  category: 'heat',
  categoryMeta: { icon: '☀️', label: '高温补贴', tone: 'sun' },
  buyPageUrl: heatPageUrl,
  buyNote: '下一步：选择城市和份数',
  purchaseSteps: ['选择城市', '确认报价', '填写信息', '支付'],
  idTypes: ['id_card'],
  relationHint: {
    self: '请填写您本人的信息，须与身份证件一致。',
    other: '请确认已征得被保险人同意，并填写其本人信息。',
  },
  resultCopy: {
    issued: '电子保单已生成，等待期后每个达到条件的高温日自动累计补贴',
    reminderOn: '已开启。出现达到赔付条件的高温日时，我们会通知您领取高温补贴。',
    reminderIntro: '高温补贴按日自动累计，开启提醒后可领取时通知您。',
    again: '看看其他保障',
  },
  cardIcon: '☀️ ',
  subjectTitle: '承保城市',
  payoutLabel: '最高赔付',
  detailPayoutLabel: '最高赔付',
  waitingClaimTitle: '高温补贴待领取',
  claimCopy: {
    greeting: '高温补贴已备好',
    review: '气温读数正在复核，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据气象观测数据，本次未达到保单约定的赔付条件。',
    statement:
      '高温补贴由城市参考气象站的日最高气温自动判定，无需报案，按日累计，可多次领取。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
  claimAmountLabel: '累计赔付',
  accruingText: (evidence, amountFen, today) => {
    if (amountFen >= evidence.capPerUnitFen * evidence.units) return '本季补贴已达保障上限';
    return today <= evidence.coverEndDate ? '高温补贴继续累计中' : null;
  },
  personsOf: () => 1,
  lines: (subject) => ({
    title: `${subject.cityName} · ${subject.seasonYear}年高温季`,
    detail: `${subject.units}份 · 保障 ${formatDateRange(subject.coverStartDate, subject.coverEndDate)}`,
  }),
  triggerText: (subject) =>
    `日最高气温≥${subject.thresholdCelsius}°C 记为高温日；超过免赔 ${subject.deductibleDays} 天后，` +
    `每个高温日每份赔 ${formatCnyShort(subject.tickPerUnitFen)}，每份最高 ${formatCnyShort(subject.capPerUnitFen)}`,
  detailRows: (subject) => [
    { label: '投保份数', value: `${subject.units}份` },
    { label: '免赔天数', value: `${subject.deductibleDays}天` },
  ],
  quoteBreakdown: (premiumFen, subject) =>
    premiumFen % subject.units === 0
      ? `每份 ${formatCny(premiumFen / subject.units)} × ${subject.units} 份`
      : `共 ${subject.units} 份`,
  quoteRows: (subject) => [{ label: '保障期间', value: formatDateRange(subject.coverStartDate, subject.coverEndDate) }],
  Evidence: HeatEvidence,
} satisfies ProductKindUi<'heat'>;
