import type {
  ClaimEvidence,
  CoverSubject,
  CoverSubjectKind,
  PolicyDetail,
  ProductTerms,
  StaffClaimSubject,
} from '@xiaoan/shared';

/** The subject of one kind: `SubjectOf<'heat'>` is the HEAT37 subject. */
export type SubjectOf<K extends CoverSubjectKind> = Extract<CoverSubject, { kind: K }>;
/** The claim evidence of one kind (claims carry the same kinds as subjects). */
export type EvidenceOf<K extends CoverSubjectKind> = Extract<ClaimEvidence, { kind: K }>;

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
  /** The e-policy's 保险期间. */
  documentPeriod(subject: SubjectOf<K>, policy: PolicyDetail): string;
  /** The e-policy's rows about what is covered and when it pays (`terms`: the version sold under). */
  documentRows(subject: SubjectOf<K>, policy: PolicyDetail, terms: ProductTerms | null): DocumentRow[];
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
