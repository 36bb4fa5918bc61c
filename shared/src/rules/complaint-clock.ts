/**
 * The regulatory clock of a complaint (银行业保险业消费投诉处理管理办法; compliance.md row 6): decide
 * and answer within 15 days of acceptance, 30 for a complex case, 60 once an extension is recorded.
 * Days are calendar days counted from the moment the complaint was accepted.
 */
export type ComplaintTrack = 'standard' | 'complex' | 'extended';

export const COMPLAINT_DAYS: Record<ComplaintTrack, number> = { standard: 15, complex: 30, extended: 60 };

/** Reminders go out this long before the deadline. */
export const COMPLAINT_REMINDER_LEAD_MS = 3 * 86_400_000;

const DAY_MS = 86_400_000;

export const complaintTrackOf = (input: { complex: boolean; extended: boolean }): ComplaintTrack =>
  input.extended ? 'extended' : input.complex ? 'complex' : 'standard';

export const complaintDeadline = (acceptedAt: Date, track: ComplaintTrack): Date =>
  new Date(acceptedAt.getTime() + COMPLAINT_DAYS[track] * DAY_MS);

export type ComplaintClockState = 'on_time' | 'due_soon' | 'overdue' | 'closed';

export const complaintClockState = (
  input: { deadline: Date; closedAt: Date | null },
  now: Date,
): ComplaintClockState => {
  if (input.closedAt) return 'closed';
  if (now.getTime() > input.deadline.getTime()) return 'overdue';
  if (input.deadline.getTime() - now.getTime() <= COMPLAINT_REMINDER_LEAD_MS) return 'due_soon';
  return 'on_time';
};
