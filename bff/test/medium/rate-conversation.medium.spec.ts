import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RateConversationUseCase } from '../../src/modules/support/rate-conversation.use-case.js';
import { UpdateConversationUseCase } from '../../src/modules/support/update-conversation.use-case.js';
import { openMedium, type Medium } from '../support/medium.js';
import {
  addConversation,
  addStaff,
  conversationState,
  customerWrites,
  openSupport,
  type OpenedConversation,
  type SupportWorld,
} from '../support/medium-support.js';

/**
 * RateConversationUseCase on a real PostgreSQL, on conversations a customer opened by writing in
 * WeChat (pushed by the simulator over real HTTP) and an agent resolved: the user rates their latest
 * conversation once it is resolved, once; rating again, rating one still open, or rating an older
 * one after writing again is refused (CONFLICT) and changes nothing.
 */
describe('RateConversationUseCase', () => {
  let medium: Medium;
  let support: SupportWorld;
  let rate: RateConversationUseCase;

  beforeAll(async () => {
    medium = await openMedium();
    support = await openSupport(medium);
    rate = new RateConversationUseCase(medium.dataSource, medium.clock);
  });
  afterAll(async () => {
    await support?.close();
    await medium?.close();
  });

  const resolved = async (conversation?: OpenedConversation) => {
    const opened = conversation ?? (await addConversation(medium, support));
    await new UpdateConversationUseCase(
      medium.unitOfWork,
      support.conversations,
      support.audit,
      medium.clock,
      medium.integrations,
    ).execute({
      conversationId: opened.conversationId,
      staff: await addStaff(medium.db),
      update: { status: 'resolved' },
    });
    return opened;
  };
  const ratingOf = async (conversationId: string) =>
    (
      await medium.db.query(`SELECT rating, rated_at IS NOT NULL AS rated FROM support_conversations WHERE id = $1`, [
        conversationId,
      ])
    ).rows[0];

  it('the user rates their resolved conversation', async () => {
    const { conversationId, customer } = await resolved();

    await rate.execute({ openid: customer.openid, score: 5 });

    expect(await ratingOf(conversationId)).toEqual({ rating: 5, rated: true });
  });

  it('a conversation is rated once: rating again is refused and nothing changes', async () => {
    const { conversationId, customer } = await resolved();
    await rate.execute({ openid: customer.openid, score: 4 });
    const before = await conversationState(medium.db, conversationId);

    await expect(rate.execute({ openid: customer.openid, score: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('a conversation still open cannot be rated, and nothing changes', async () => {
    const { conversationId, customer } = await addConversation(medium, support);
    const before = await conversationState(medium.db, conversationId);

    await expect(rate.execute({ openid: customer.openid, score: 5 })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await conversationState(medium.db, conversationId)).toBe(before);
  });

  it('once the user has written again, the older resolved conversation is no longer rated, and nothing changes', async () => {
    const first = await resolved();
    // A later message (WeChat's CreateTime counts in seconds: a message in the same second would tie).
    medium.sim.advanceTime(2);
    const second = await customerWrites(medium, support, first.customer, '还有一个问题');
    const before = [
      await conversationState(medium.db, first.conversationId),
      await conversationState(medium.db, second.conversationId),
    ];

    await expect(rate.execute({ openid: first.customer.openid, score: 5 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    expect([
      await conversationState(medium.db, first.conversationId),
      await conversationState(medium.db, second.conversationId),
    ]).toEqual(before);
  });
});
