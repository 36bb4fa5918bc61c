import type { CoverSubject, CoverSubjectKind } from '@xiaoan/shared';

/** A quote's or policy's subject as the kind the test bought: any other kind fails the test, naming it. */
export const subjectOfKind = <K extends CoverSubjectKind>(
  subject: CoverSubject | undefined,
  kind: K,
): Extract<CoverSubject, { kind: K }> => {
  if (subject?.kind !== kind) throw new Error(`expected a ${kind} subject, got ${subject?.kind ?? 'none'}`);
  return subject as Extract<CoverSubject, { kind: K }>;
};
