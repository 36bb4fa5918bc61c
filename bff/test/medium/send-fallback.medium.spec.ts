import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Clock } from '../../src/core/clock/clock.js';
import { SendFallbackUseCase } from '../../src/modules/support/send-fallback.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { openMedium, type Medium } from '../support/medium.js';
import {
  acceptSubscription,
  addConversation,
  addStaff,
  auditRows,
  clockAhead,
  conversationState,
  openSupport,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * SendFallbackUseCase on a real PostgreSQL, on conversations a customer opened by writing in WeChat
 * (pushed by the simulator over real HTTP): past WeChat's 48-hour reply window the agent reaches the
 * user with the subscribe message they accepted — one accept, one message, the credit used in the
 * same transaction as the queued message and its audit row. Inside the window, or without a credit,
 * it is refused and nothing changes.
 */
describe('SendFallbackUseCase', () => {
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

  const fallbackOn = (clock: Clock) =>
    new SendFallbackUseCase(medium.unitOfWork, support.conversations, support.audit, clock, medium.integrations);
  const templateId = () => medium.integrations.supportReplyTemplateId;

  it('past the window the accepted subscribe message is queued, its credit used and the send audited', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    await acceptSubscription(medium, customer, templateId());
    const staff = await addStaff(medium.db);
    const jobsBefore = medium.jobs.length;

    const { messageId } = await fallbackOn(clockAhead(medium, 49)).execute({
      conversationId,
      staff,
      text: '您的理赔已处理完毕',
    });

    const { rows } = await medium.db.query(
      `SELECT m.direction, m.kind, m.text, m.send_state, m.author_staff_id,
              (SELECT accepted_count FROM subscriptions s WHERE s.customer_id = $2 AND s.template_id = $3) AS credits
         FROM support_messages m WHERE m.id = $1`,
      [messageId, customer.id, templateId()],
    );
    expect(rows).toEqual([
      {
        direction: 'out',
        kind: 'subscribe',
        text: '您的理赔已处理完毕',
        send_state: 'queued',
        author_staff_id: staff.staffUserId,
        credits: 0,
      },
    ]);
    expect(medium.jobs.slice(jobsBefore)).toEqual([{ queue: SUPPORT_QUEUES.deliverReply, data: { messageId } }]);
    expect(await auditRows(medium.db, 'support_fallback', conversationId)).toEqual([
      expect.objectContaining({ staff_user_id: staff.staffUserId, detail: { messageId } }),
    ]);
  });

  it('one accept is one message: a second fallback is refused, and nothing changes', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    await acceptSubscription(medium, customer, templateId());
    const staff = await addStaff(medium.db);
    const later = fallbackOn(clockAhead(medium, 49));
    await later.execute({ conversationId, staff, text: '第一条' });
    const before = await conversationState(medium.db, conversationId);
    const jobsBefore = medium.jobs.length;

    await expect(later.execute({ conversationId, staff, text: '第二条' })).rejects.toMatchObject({
      code: 'SUPPORT_FALLBACK_UNAVAILABLE',
    });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
    expect(medium.jobs.length).toBe(jobsBefore);
  });

  it('a user who accepted nothing cannot be reached, and nothing changes', async () => {
    const { conversationId } = await addConversation(medium, support);
    const before = await conversationState(medium.db, conversationId);

    await expect(
      fallbackOn(clockAhead(medium, 49)).execute({ conversationId, staff: await addStaff(medium.db), text: '您好' }),
    ).rejects.toMatchObject({ code: 'SUPPORT_FALLBACK_UNAVAILABLE' });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('inside the reply window the fallback is not needed: the credit is kept and nothing changes', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    await acceptSubscription(medium, customer, templateId());
    const before = await conversationState(medium.db, conversationId);

    await expect(
      fallbackOn(medium.clock).execute({ conversationId, staff: await addStaff(medium.db), text: '您好' }),
    ).rejects.toMatchObject({ code: 'SUPPORT_FALLBACK_NOT_NEEDED' });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('an unknown conversation is not found', async () => {
    await expect(
      fallbackOn(clockAhead(medium, 49)).execute({
        conversationId: '00000000-0000-4000-8000-000000000000',
        staff: await addStaff(medium.db),
        text: '您好',
      }),
    ).rejects.toMatchObject({ code: 'SUPPORT_CONVERSATION_NOT_FOUND' });
  });
});
