import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Clock } from '../../src/core/clock/clock.js';
import { ComplaintRepository } from '../../src/modules/support/complaint.repository.js';
import { DeliverReplyUseCase } from '../../src/modules/support/deliver-reply.use-case.js';
import { RecordComplaintOutcomeUseCase } from '../../src/modules/support/record-complaint-outcome.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { openMedium, type Medium } from '../support/medium.js';
import {
  acceptSubscription,
  addComplaint,
  addStaff,
  auditRows,
  clockAhead,
  complaintState,
  openSupport,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * RecordComplaintOutcomeUseCase on a real PostgreSQL and the WeChat simulator over real HTTP, on
 * complaints accepted on conversations a customer opened in WeChat: the decision closes the ticket
 * and reaches the customer as a reply while WeChat's 48-hour window is open (using one of its
 * replies), else as the subscribe message they accepted (using the credit), else it is recorded
 * as not sent and the ticket is closed all the same. A closed or unknown complaint is refused and
 * nothing changes.
 */
describe('RecordComplaintOutcomeUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let complaints: ComplaintRepository;
  let deliver: DeliverReplyUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    complaints = new ComplaintRepository(medium.dataSource);
    deliver = new DeliverReplyUseCase(
      medium.dataSource,
      support.wechat.customerService,
      support.wechat.subscribeMessages,
      medium.integrations,
    );
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const recordOn = (clock: Clock) =>
    new RecordComplaintOutcomeUseCase(
      medium.unitOfWork,
      complaints,
      support.conversations,
      support.audit,
      clock,
      medium.integrations,
    );
  const templateId = () => medium.integrations.supportReplyTemplateId;
  const closedComplaint = async (complaintId: string) =>
    (
      await medium.db.query(
        `SELECT k.outcome, k.closed_by, k.closed_at IS NOT NULL AS closed, m.kind, m.text, m.send_state, m.direction,
                c.replies_remaining
           FROM support_complaints k JOIN support_conversations c ON c.id = k.conversation_id
           LEFT JOIN support_messages m ON m.id = k.outcome_message_id WHERE k.id = $1`,
        [complaintId],
      )
    ).rows[0];

  it('within the reply window the outcome closes the ticket and goes out as a reply, which WeChat delivers', async () => {
    const { complaintId, customer, staff } = await addComplaint(medium, support);
    const jobsBefore = medium.jobs.length;

    const result = await recordOn(medium.clock).execute({ complaintId, staff, outcome: '已为您补发理赔款 200 元' });

    expect(result).toEqual({ sentAs: 'reply' });
    expect(await closedComplaint(complaintId)).toEqual({
      outcome: '已为您补发理赔款 200 元',
      closed_by: staff.staffUserId,
      closed: true,
      kind: 'text',
      text: '【投诉处理结果】已为您补发理赔款 200 元',
      send_state: 'queued',
      direction: 'out',
      // A user message allows 5 replies: this one used one.
      replies_remaining: 4,
    });
    const jobs = medium.jobs.slice(jobsBefore);
    expect(jobs).toEqual([{ queue: SUPPORT_QUEUES.deliverReply, data: { messageId: expect.any(String) } }]);
    expect(await auditRows(medium.db, 'complaint_outcome', complaintId)).toEqual([
      expect.objectContaining({ staff_user_id: staff.staffUserId, detail: { sentAs: 'reply' } }),
    ]);

    await deliver.execute((jobs[0]!.data as { messageId: string }).messageId);

    expect(
      medium.sim.ledger
        .of('custom_message')
        .filter((entry) => entry.openid === customer.openid)
        .map((entry) => entry.body),
    ).toEqual([
      expect.objectContaining({ msgtype: 'text', text: { content: '【投诉处理结果】已为您补发理赔款 200 元' } }),
    ]);
    expect(await closedComplaint(complaintId)).toMatchObject({ send_state: 'sent' });
  });

  it('past the window, the subscribe message the customer accepted carries the news and its credit is used', async () => {
    const { complaintId, customer, staff } = await addComplaint(medium, support);
    await acceptSubscription(medium, customer, templateId());

    const result = await recordOn(clockAhead(medium, 49)).execute({ complaintId, staff, outcome: '维持原理赔结论' });

    expect(result).toEqual({ sentAs: 'subscribe' });
    expect(await closedComplaint(complaintId)).toMatchObject({
      outcome: '维持原理赔结论',
      closed: true,
      kind: 'subscribe',
      text: '您的投诉已有处理结果，请进入小程序查看',
      send_state: 'queued',
    });
    const { rows } = await medium.db.query(
      `SELECT accepted_count FROM subscriptions WHERE customer_id = $1 AND template_id = $2`,
      [customer.id, templateId()],
    );
    expect(rows).toEqual([{ accepted_count: 0 }]);
  });

  it('past the window with no subscription, the outcome is recorded as not sent and the ticket closed all the same', async () => {
    const { complaintId, staff } = await addComplaint(medium, support);
    const jobsBefore = medium.jobs.length;

    const result = await recordOn(clockAhead(medium, 49)).execute({ complaintId, staff, outcome: '已电话告知' });

    expect(result).toEqual({ sentAs: 'not_sent' });
    expect(await closedComplaint(complaintId)).toMatchObject({ outcome: '已电话告知', closed: true, kind: null });
    expect(medium.jobs.length).toBe(jobsBefore);
    expect((await complaints.find(complaintId))!.outcome_message_id).toBeNull();
  });

  it('a closed complaint cannot be decided again, and nothing changes', async () => {
    const { complaintId, staff } = await addComplaint(medium, support);
    await recordOn(medium.clock).execute({ complaintId, staff, outcome: '第一次结论' });
    const before = await complaintState(medium.db, complaintId);
    const jobsBefore = medium.jobs.length;

    await expect(
      recordOn(medium.clock).execute({ complaintId, staff: await addStaff(medium.db), outcome: '第二次结论' }),
    ).rejects.toMatchObject({ code: 'COMPLAINT_CLOSED' });

    expect(await complaintState(medium.db, complaintId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('an unknown complaint is not found', async () => {
    await expect(
      recordOn(medium.clock).execute({
        complaintId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        outcome: '结论',
      }),
    ).rejects.toMatchObject({ code: 'COMPLAINT_NOT_FOUND' });
  });
});
