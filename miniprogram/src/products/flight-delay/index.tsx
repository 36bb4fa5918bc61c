import { Text, View } from '@tarojs/components';
import { formatCny } from '@xiaoan/shared';
import { FlightRoute } from '../../components/flight-route/flight-route';
import { OrderSummary } from '../../features/purchase/components/order-summary/order-summary';
import { flightPageUrl } from '../../routes';
import { formatLocalDate, formatShanghaiTime } from '../../utils/shanghai-date';
import type { ProductKindUi } from '../product-kind';
import { FlightEvidence } from './flight-evidence/flight-evidence';

/** Flight delay: one flight, one insured person, a fixed payout when the arrival is late enough. */
export const flightDelay = {
  kind: 'flight',
  category: 'flight_delay',
  categoryMeta: { icon: '✈️', label: '出行保障', tone: 'sky' },
  buyPageUrl: flightPageUrl,
  buyNote: '下一步：选择航班',
  purchaseSteps: ['选择航班', '选择保障', '填写信息', '支付'],
  idTypes: ['id_card', 'passport', 'hk_macao_permit', 'taiwan_permit'],
  relationHint: {
    self: '请填写您本人的信息，须与登机所用证件一致。',
    other: '被保险人须为该航班的实际乘机人，请确认已征得其同意，并填写其本人信息。',
  },
  resultCopy: {
    issued: '电子保单已生成，航班延误达到条件将自动赔付',
    reminderOn: '已开启。航班延误达到赔付条件时，我们会第一时间通知您领取赔款。',
    reminderIntro: '航班延误赔款自动发放，开启提醒后到账时通知您。',
    again: '看看其他航班',
  },
  cardIcon: '',
  subjectTitle: '承保航班',
  payoutLabel: '延误赔付',
  detailPayoutLabel: '赔付金额',
  waitingClaimTitle: '延误赔款待领取',
  claimCopy: {
    greeting: '航班延误，赔款已备好',
    review: '航班在计划到达 6 小时后仍没有最终状态，理赔已转人工审核，结果会通过服务通知告诉您。',
    rejected: '根据航班数据，本次未达到保单约定的赔付条件。',
    statement:
      '理赔由航班数据自动判定，无需报案。赔款通过微信支付「商家转账」转入您的微信零钱，需在 24 小时内确认领取，逾期可重新领取。',
  },
  claimAmountLabel: '赔付金额',
  personsOf: () => 1,
  lines: ({ flight }) => ({
    title: `${flight.origin.city} → ${flight.destination.city}`,
    detail: `${flight.flightNo} · ${formatLocalDate(flight.flightDate)} ${formatShanghaiTime(flight.scheduledDeparture)} 起飞`,
  }),
  triggerText: (subject) => `到达延误≥${subject.delayThresholdMinutes}分钟，或航班取消、备降`,
  detailRows: () => [],
  quoteBreakdown: (premiumFen) => formatCny(premiumFen),
  quoteRows: ({ flight }) => [{ label: '起飞时间', value: formatShanghaiTime(flight.scheduledDeparture) }],
  DetailSubject: ({ subject }) => (
    <View className="policy-detail__card policy-detail__flight">
      <FlightRoute flight={subject.flight} />
      <Text className="policy-detail__flight-date">{formatLocalDate(subject.flight.flightDate)} 出发</Text>
    </View>
  ),
  OrderSummary: ({ quote }) => (
    <OrderSummary
      productName={quote.productName}
      aside={formatLocalDate(quote.subject.flight.flightDate)}
      payoutLabel="赔付"
      payoutFen={quote.payoutFen}
      note={`延误≥${quote.subject.delayThresholdMinutes}分钟 / 取消 / 备降`}
    >
      <FlightRoute flight={quote.subject.flight} compact />
    </OrderSummary>
  ),
  Evidence: FlightEvidence,
} satisfies ProductKindUi<'flight'>;
