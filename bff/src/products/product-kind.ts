import type {
  ClaimEvidence,
  CoverSubject,
  CoverSubjectKind,
  ErrorCode,
  Flight,
  PolicyDetail,
  ProductTerms,
  StaffClaimSubject,
} from '@xiaoan/shared';

/** The subject of one kind: `SubjectOf<'heat'>` is the HEAT37 subject. */
export type SubjectOf<K extends CoverSubjectKind> = Extract<CoverSubject, { kind: K }>;
/** The claim evidence of one kind (claims carry the same kinds as subjects). */
export type EvidenceOf<K extends CoverSubjectKind> = Extract<ClaimEvidence, { kind: K }>;

/** The terms a subject kind is sold under: a flight under `flight_delay` terms, the others under their own kind. */
export type TermsOf<K extends CoverSubjectKind> = Extract<
  ProductTerms,
  { kind: K extends 'flight' ? 'flight_delay' : K }
>;

/** What a policy row holds about its subject, whichever kind it is: the flight, or the place and its cover. */
export interface PolicySubjectRow {
  flight: Flight | null;
  place: { code: string; name: string; cityName: string } | null;
  units: number | null;
  coverStartDate: string | null;
  coverEndDate: string | null;
  /** HEAT37's deductible fixed at issue (older policies have none: it is read from the terms). */
  deductibleDays: number | null;
}

/**
 * What a kind sold per place (a city's season, a scenic spot's day) states for ordering, issuing and
 * cancelling. The place machinery (capacity per place and period, one policy per insured per place
 * and cover end) is shared; these are the rules in which the kinds differ.
 */
export interface PlaceCover<K extends CoverSubjectKind> {
  /** The kind of place the quote names (`cityCode` → a city, `spotCode` → a spot). */
  readonly placeKind: 'city' | 'spot';
  /** Why cover ending on `coverEndDate` can no longer be sold at `now`, or null (an order, a payment). */
  stopSaleReason(terms: TermsOf<K>, coverEndDate: string, now: Date): ErrorCode | null;
  /** How many persons an order names for `units` (RAIN: one per person; HEAT37: one, its units are 份). */
  insuredCount(units: number): number;
  /**
   * The cover a paid order gets at `now`, or null when the sale closed while it was being paid (the
   * order is refunded): its dates, the capacity period it takes, and HEAT37's accrual figures.
   */
  coverAtIssue(
    terms: TermsOf<K>,
    order: { placeCode: string; units: number; coverEndDate: string },
    now: Date,
  ): {
    start: string;
    end: string;
    capacityPeriod: string;
    accrual: { deductibleDays: number; tickFen: number } | null;
  } | null;
  /** The capacity period a policy's cover counts in (HEAT37: the season's year; RAIN: the visit day). */
  capacityPeriod(coverEndDate: string): string;
}

/** What an order row holds about its subject, for the order list's one line. */
export interface OrderLineRow {
  flightNo: string | null;
  flightDate: string | null;
  placeName: string | null;
  units: number | null;
  coverStartDate: string | null;
  coverEndDate: string | null;
}

/** One line of the e-policy's 保障内容: label and value. */
export type DocumentRow = readonly [label: string, value: string];

/** One entry of a claim's timeline, before it is put in order and serialised. */
export interface TimelineEvent {
  at: Date;
  title: string;
  detail?: string;
}

/**
 * What the BFF states differently per product kind, in one object per kind (`products/<kind>/`):
 * the e-policy's lines, the claim's headline, evidence timeline and review wording, and what
 * customer service's automatic answer cites. Callers look the kind up in `PRODUCT_KINDS`
 * (`products/index.ts`) instead of switching on it; ADR 0021 says what else a new kind needs.
 *
 * Functions are methods on purpose: a method's parameter is checked bivariantly, so the object for
 * one kind can be handed out as the wide `ProductKind` for a subject known only at run time.
 */
export interface ProductKind<K extends CoverSubjectKind = CoverSubjectKind> {
  readonly kind: K;
  /** The `terms.kind` of the versions that sell this kind. */
  readonly termsKind: TermsOf<K>['kind'];
  /** The place rules of a kind sold per place; null for a kind sold on something else (a flight). */
  readonly place: PlaceCover<K> | null;
  /** What a policy covers, from its row and the terms of the version it was sold under. */
  policySubject(row: PolicySubjectRow, terms: TermsOf<K>): SubjectOf<K>;
  /** The order list's one line: "MU5101 · 12月10日", "武汉 · 2027年高温季", "黄山 · 7月1日 · 2人". */
  orderLine(order: OrderLineRow): string;
  /** The e-policy's 保险期间. */
  documentPeriod(subject: SubjectOf<K>, policy: PolicyDetail): string;
  /** The e-policy's rows about what is covered and when it pays (`terms`: the version sold under). */
  documentRows(subject: SubjectOf<K>, policy: PolicyDetail, terms: ProductTerms | null): DocumentRow[];
  /**
   * Whether a claim of this kind grows after it opens (HEAT37's: opened with the policy, a hot day
   * at a time). Its evidence is then read alongside the row by the kind's `ClaimEvidenceReader`
   * (`products/evidence-readers.ts`), and it is the customer's claim once something accrued.
   */
  readonly evidenceGrows: boolean;
  /**
   * The claim's evidence as its row stores it (jsonb written by SQL: timestamps in the session's
   * format). A kind whose evidence grows refuses: its row holds only where to read it.
   */
  storedEvidence(raw: Record<string, unknown>): EvidenceOf<K>;
  /** The claim's one-line headline on cards and lists. */
  claimHeadline(evidence: EvidenceOf<K>): string;
  /** The facts a claim was decided on, in one line: what customer service's automatic answer cites. */
  claimBasis(evidence: EvidenceOf<K>): string;
  /** The timeline entries of the evidence itself (the flight's arrival, each hot day, the rain). */
  evidenceEvents(evidence: EvidenceOf<K>, claimCreatedAt: Date): TimelineEvent[];
  /** The timeline entry of an approved claim. */
  approvedEvent(amountFen: number): { title: string; detail: string };
  /** Why a claim is with a person: the timeline's detail, and the clause of the automatic answer. */
  readonly manualReviewDetail: string;
  readonly manualReviewAnswer: string;
  /** The canned-reply variables only this kind fills (a landed flight's delayMinutes). */
  cannedVariables(evidence: EvidenceOf<K>): { delayMinutes?: string };
  /** What the claim is about, as the staff console's one labelled row (航班 "MU5101 2026-12-10"). */
  staffSubject(evidence: EvidenceOf<K>): StaffClaimSubject;
}
