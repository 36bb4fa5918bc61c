import type { ClaimEvidence, CoverSubject, CoverSubjectKind, IdType, ProductCategory, Quote } from '@xiaoan/shared';
import type { ReactElement } from 'react';

/** The subject of one kind: `SubjectOf<'heat'>` is the HEAT37 subject. */
export type SubjectOf<K extends CoverSubjectKind> = Extract<CoverSubject, { kind: K }>;
/** The claim evidence of one kind (claims carry the same kinds as subjects). */
export type EvidenceOf<K extends CoverSubjectKind> = Extract<ClaimEvidence, { kind: K }>;
/** A quote for a subject of one kind. */
export type QuoteOf<K extends CoverSubjectKind> = Omit<Quote, 'subject'> & { subject: SubjectOf<K> };

/** One labelled fact, as the detail and quote cards list them. */
export interface InfoRow {
  label: string;
  value: string;
}

/** What is covered in two lines: "北京 → 上海" / "CA1234 · 7月1日 08:00 起飞", "武汉 · 2027年高温季" / "2份 · …". */
export interface SubjectLines {
  title: string;
  detail: string;
}

/** How the catalogue draws a category on the home list and the product page, before any subject exists. */
export interface CategoryMeta {
  /** Emoji stands in for artwork: no remote images, nothing to download in the main package. */
  icon: string;
  label: string;
  /** Suffix of the `category-tone--*` class that colours the icon tile. */
  tone: 'sky' | 'sun' | 'rain';
}

/** The words of a claim page that change with the product behind the claim. */
export interface ClaimCopy {
  greeting: string;
  review: string;
  rejected: string;
  statement: string;
}

/**
 * Everything the mini-program shows differently per product kind, in one object per kind
 * (`products/<kind>/index.ts`). Pages and shared components look the kind up in `PRODUCT_KINDS`
 * instead of switching on `subject.kind`; ADR 0021 says what else a new kind needs.
 *
 * The functions are written as methods on purpose: a method's parameter is checked bivariantly, so
 * `ProductKindUi<'heat'>` (taking a heat subject) can be used where the registry hands out the
 * wide `ProductKindUi` for a subject whose kind is only known at run time.
 */
export interface ProductKindUi<K extends CoverSubjectKind = CoverSubjectKind> {
  readonly kind: K;
  /** The catalogue category that sells this kind. */
  readonly category: ProductCategory;
  /** That category's icon, tone and tag on the home list. */
  readonly categoryMeta: CategoryMeta;
  /** 立即投保: the first page of this kind's purchase, and the line under the button. */
  buyPageUrl(code: string, ack: string): string;
  readonly buyNote: string;
  /** The purchase's steps, named for this kind (选择航班 / 选择城市 / 选择景区 …). */
  readonly purchaseSteps: readonly string[];
  /** The documents an insured person may be named by: a flight takes the boarding document. */
  readonly idTypes: readonly IdType[];
  /** The hint above the insured person's form, for oneself or for someone else. */
  readonly relationHint: { self: string; other: string };
  /** The words of the result page after paying. */
  readonly resultCopy: { issued: string; reminderOn: string; reminderIntro: string; again: string };
  /** Before the title on a policy card ('' for none). */
  readonly cardIcon: string;
  /** The section title of the covered subject on the policy detail: 承保航班 / 承保城市 / 承保景区. */
  readonly subjectTitle: string;
  /** What `payoutFen` means on cards and quotes: a fixed payout, a cap, an amount for everyone. */
  readonly payoutLabel: string;
  /** The same at the top of the policy detail, where a flight's reads 赔付金额. */
  readonly detailPayoutLabel: string;
  /** The title of a claim waiting to be collected. */
  readonly waitingClaimTitle: string;
  readonly claimCopy: ClaimCopy;
  /** The claim's amount row: 赔付金额, or 累计赔付 where a claim grows day by day. */
  readonly claimAmountLabel: string;
  /**
   * Only for a kind whose claim keeps growing after it is paid: what to say under the red packet
   * (`today` is the Beijing date of the weather clock), or null when it has stopped.
   */
  accruingText?(evidence: EvidenceOf<K>, amountFen: number, today: string): string | null;
  /** How many people one policy insures (the insured page asks for each). */
  personsOf(subject: SubjectOf<K>): number;
  lines(subject: SubjectOf<K>): SubjectLines;
  /** When it pays, in one sentence from the subject's own terms (never hand-written figures). */
  triggerText(subject: SubjectOf<K>): string;
  /** The 保障信息 rows only this kind has (units and deductible, persons). */
  detailRows(subject: SubjectOf<K>): InfoRow[];
  /** The quote card: how the premium splits ("每份 ¥9.90 × 2 份") and the kind's own rows. */
  quoteBreakdown(premiumFen: number, subject: SubjectOf<K>): string;
  quoteRows(subject: SubjectOf<K>): InfoRow[];
  /** The covered subject on the policy detail, when two lines are not enough (the flight's route). */
  DetailSubject?(props: { subject: SubjectOf<K> }): ReactElement;
  /**
   * The insured page's order summary, when the subject's two lines and trigger are not how this kind
   * is best checked before paying (the flight: its date, its route and the rule in short).
   */
  OrderSummary?(props: { quote: QuoteOf<K> }): ReactElement;
  /** The facts behind a claim, drawn the way this trigger reads best. */
  Evidence(props: { evidence: EvidenceOf<K>; amountFen: number; paidFen: number }): ReactElement | null;
}
