import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComplaintRepository } from '../../src/modules/support/complaint.repository.js';
import { RecordComplaintOutcomeUseCase } from '../../src/modules/support/record-complaint-outcome.use-case.js';
import { SweepComplaintDeadlinesUseCase } from '../../src/modules/support/sweep-complaint-deadlines.use-case.js';
import { openMedium, type Medium } from '../support/medium.js';
import { addComplaint, clockAhead, complaintState, openSupport, type SupportWorld } from '../support/medium-support.js';

/**
 * SweepComplaintDeadlinesUseCase on a real PostgreSQL, on complaints accepted through
 * OpenComplaintUseCase, swept on a business clock moved days ahead: every open complaint within
 * three days of its deadline is reminded once — stamped on the ticket and left as an internal note
 * in its conversation —, an overdue one too, saying so; complaints further off and closed ones are
 * left alone. (Each test checks its own complaints: a sweep covers the whole database.)
 */
describe('SweepComplaintDeadlinesUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const sweepAfterDays = (days: number) =>
    new SweepComplaintDeadlinesUseCase(medium.unitOfWork, clockAhead(medium, days * 24)).execute();
  const remindersOf = async (complaintId: string) =>
    (
      await medium.db.query(
        `SELECT k.reminded_at IS NOT NULL AS reminded,
                (SELECT json_agg(json_build_object('direction', m.direction, 'author', m.author_kind, 'text', m.text) ORDER BY m.seq)
                   FROM support_messages m WHERE m.conversation_id = k.conversation_id AND m.direction = 'note') AS notes
           FROM support_complaints k WHERE k.id = $1`,
        [complaintId],
      )
    ).rows[0] as { reminded: boolean; notes: { direction: string; author: string; text: string }[] | null };

  it('a complaint within three days of its deadline is reminded once, on the ticket and as a note to the agents', async () => {
    const due = await addComplaint(medium, support);
    // 30 days to go: not yet.
    const later = await addComplaint(medium, support, { complex: true });

    const { reminded } = await sweepAfterDays(13);

    expect(reminded).toBeGreaterThanOrEqual(1);
    expect(await remindersOf(due.complaintId)).toEqual({
      reminded: true,
      notes: [
        {
          direction: 'note',
          author: 'auto',
          text: expect.stringMatching(/^投诉工单将于 .+ 到期，请在期限内答复用户$/),
        },
      ],
    });
    expect(await remindersOf(later.complaintId)).toEqual({ reminded: false, notes: null });
  });

  it('sweeping again reminds nobody a second time, and nothing changes', async () => {
    const { complaintId } = await addComplaint(medium, support);
    await sweepAfterDays(13);
    const once = await complaintState(medium.db, complaintId);

    const { reminded } = await sweepAfterDays(13);

    expect(reminded).toBe(0);
    expect(await complaintState(medium.db, complaintId)).toBe(once);
  });

  it('an overdue complaint never reminded is reminded as overdue', async () => {
    const { complaintId } = await addComplaint(medium, support);

    await sweepAfterDays(16);

    expect(await remindersOf(complaintId)).toEqual({
      reminded: true,
      notes: [
        {
          direction: 'note',
          author: 'auto',
          text: expect.stringMatching(/^投诉工单已超过答复时限（.+），请立即处理$/),
        },
      ],
    });
  });

  it('a closed complaint is not reminded', async () => {
    const { complaintId, staff } = await addComplaint(medium, support);
    await new RecordComplaintOutcomeUseCase(
      medium.unitOfWork,
      new ComplaintRepository(medium.dataSource),
      support.conversations,
      support.audit,
      medium.clock,
      medium.integrations,
    ).execute({ complaintId, staff, outcome: '已解决' });
    const before = await complaintState(medium.db, complaintId);

    await sweepAfterDays(14);

    expect(await complaintState(medium.db, complaintId)).toBe(before);
  });
});
