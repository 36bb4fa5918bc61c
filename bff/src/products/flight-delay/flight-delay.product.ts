import {
  beijingDateOf,
  formatBeijingDateTime,
  formatCny,
  flightClaimEvidenceSchema,
  type FlightClaimEvidence,
  type FlightSubject,
  type ProductTerms,
} from '@xiaoan/shared';
import { monthDayLabel } from '../labels.js';
import type { ProductKind } from '../product-kind.js';

/** `2027-06-25 14:05` on the Beijing wall clock, whatever the server's zone. */
const beijingMinute = (instant: Date | string): string => formatBeijingDateTime(new Date(instant), 'minute');
const hhmm = (iso: string | Date) => beijingMinute(iso).slice(11);
const dayOf = (iso: string | Date) => beijingDateOf(new Date(iso));

const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

/** "上海虹桥国际机场", not "上海上海虹桥国际机场": the city only when the airport's name does not already say it. */
export const airportLabel = (airport: { city: string; name: string }): string =>
  airport.name.startsWith(airport.city) ? airport.name : `${airport.city}${airport.name}`;

/** When a flight-delay policy pays: its threshold, and whatever else its version's terms pay on. */
const flightTrigger = (subject: FlightSubject, terms: ProductTerms | null): string => {
  const minutes = subject.delayThresholdMinutes;
  const delay = minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  const alsoPays =
    terms?.kind === 'flight_delay'
      ? [terms.paysOnCancellation ? '航班取消' : '', terms.paysOnDiversion ? '备降' : ''].filter(Boolean)
      : [];
  return `实际到达时间晚于计划到达时间 ${delay}及以上${alsoPays.length > 0 ? `，或${alsoPays.join('、')}` : ''}，按航班动态数据自动理赔`;
};

/** "16:31", or "次日 00:31" when it landed on the next Beijing day. */
const arrivalClock = (scheduled: string, actual: string): string => {
  const days = Math.round(
    (Date.parse(`${dayOf(actual)}T00:00:00Z`) - Date.parse(`${dayOf(scheduled)}T00:00:00Z`)) / 86_400_000,
  );
  const prefix = days === 1 ? '次日 ' : days > 1 ? `${dayOf(actual).slice(5)} ` : '';
  return `${prefix}${hhmm(actual)}`;
};

/** The one line that explains the decision, e.g. "计划 14:05 到达 · 实际 16:31 · 晚 146 分钟 ≥ 120". */
export const flightFactsLine = (evidence: FlightClaimEvidence): string => {
  const planned = `计划 ${hhmm(evidence.scheduledArrival)} 到达`;
  switch (evidence.outcome) {
    case 'arrived': {
      const delay = evidence.delayMinutes ?? 0;
      const comparison = delay >= evidence.thresholdMinutes ? '≥' : '<';
      const actual = evidence.actualArrival ? arrivalClock(evidence.scheduledArrival, evidence.actualArrival) : '—';
      return `${planned} · 实际 ${actual} · 晚 ${delay} 分钟 ${comparison} ${evidence.thresholdMinutes}`;
    }
    case 'cancelled':
      return `${planned} · 航班取消 · 按条款全额赔付`;
    case 'diverted':
      return `${planned} · 航班备降 · 按条款全额赔付`;
    case 'no_final_status':
      return `${planned} · 超过 6 小时仍无航班最终状态 · 转人工审核`;
    case 'implausible_arrival':
      return `${planned} · 航班到达数据存疑 · 转人工审核`;
  }
};

const OUTCOME_TITLES: Record<FlightClaimEvidence['outcome'], string> = {
  arrived: '航班到达',
  cancelled: '航班取消',
  diverted: '航班备降',
  no_final_status: '航班状态未知',
  implausible_arrival: '航班数据待核实',
};

/** Flight delay: one flight, a fixed payout when it arrives late enough (or is cancelled or diverted). */
export const flightDelay: ProductKind<'flight'> = {
  kind: 'flight',
  termsKind: 'flight_delay',
  // Sold per flight, not per place: capacity is the flight's sum insured (create-order, settlement).
  place: null,
  policySubject: (row, terms) => ({
    kind: 'flight',
    flight: row.flight!,
    delayThresholdMinutes: terms.delayThresholdMinutes,
  }),
  orderLine: (order) =>
    order.flightNo && order.flightDate ? `${order.flightNo} · ${monthDayLabel(order.flightDate)}` : '',
  evidenceGrows: false,
  storedEvidence: (raw) =>
    flightClaimEvidenceSchema.parse({
      ...raw,
      scheduledArrival: isoOrNull(raw.scheduledArrival),
      actualArrival: isoOrNull(raw.actualArrival),
    }),
  documentPeriod: (_subject, policy) =>
    `${beijingMinute(policy.coverStart)} 至 ${beijingMinute(policy.coverEnd)}（北京时间）`,
  documentRows: (subject, policy, terms) => {
    const { flight } = subject;
    return [
      ['航班', `${flight.flightNo}  ${flight.carrierName}`],
      ['航班日期', flight.flightDate],
      ['航线', `${airportLabel(flight.origin)} → ${airportLabel(flight.destination)}`],
      [
        '计划起降',
        `${beijingMinute(flight.scheduledDeparture)} 起飞，${beijingMinute(flight.scheduledArrival)} 到达（北京时间）`,
      ],
      ['赔付条件', flightTrigger(subject, terms)],
      ['保险金额', formatCny(policy.payoutFen)],
    ];
  },
  claimHeadline: (evidence) => {
    switch (evidence.outcome) {
      case 'arrived':
        return `${evidence.flightNo} 晚到 ${evidence.delayMinutes ?? 0} 分钟`;
      case 'cancelled':
        return `${evidence.flightNo} 航班取消`;
      case 'diverted':
        return `${evidence.flightNo} 航班备降`;
      case 'no_final_status':
      case 'implausible_arrival':
        return `${evidence.flightNo} 待人工审核`;
    }
  },
  claimBasis: flightFactsLine,
  // A flight is only believed once it has landed: its entry is at the arrival, or at the claim.
  evidenceEvents: (evidence, claimCreatedAt) => [
    {
      at: evidence.actualArrival ? new Date(evidence.actualArrival) : claimCreatedAt,
      title: OUTCOME_TITLES[evidence.outcome],
      detail: flightFactsLine(evidence),
    },
  ],
  approvedEvent: (amountFen) => ({ title: '理赔已批准', detail: `按条款赔付 ${formatCny(amountFen)}` }),
  manualReviewDetail: '客服将根据航班公开信息尽快处理',
  manualReviewAnswer: '航班超过 6 小时仍无最终状态，客服会根据航班公开信息尽快处理',
  cannedVariables: (evidence) =>
    evidence.delayMinutes !== null && evidence.delayMinutes !== undefined
      ? { delayMinutes: String(evidence.delayMinutes) }
      : {},
  staffSubject: (evidence) => ({ label: '航班', value: `${evidence.flightNo} ${evidence.flightDate}` }),
};
