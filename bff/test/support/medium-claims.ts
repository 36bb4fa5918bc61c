import pg from 'pg';
import { createWechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import { ProductVersionCache } from '../../src/modules/catalog/product-version.cache.js';
import { NotifyApprovedClaimsUseCase } from '../../src/modules/claim/notify-approved-claims.use-case.js';
import { SubscriptionRepository } from '../../src/modules/notification/subscription.repository.js';
import type { Medium } from './medium.js';

/**
 * The claim-approved message as the app wires it: the mini-program adapters talking to the
 * simulator over real HTTP, the access token shared through the suite's database. `close()` ends
 * the pool the access token is kept through.
 */
export const claimNotifierOf = (medium: Medium) => {
  const pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
  const wechat = createWechatAdapters(medium.integrations.wechat, pool);
  const notify = new NotifyApprovedClaimsUseCase(
    medium.dataSource,
    wechat.subscribeMessages,
    new ProductVersionCache(medium.dataSource),
    medium.integrations,
  );
  return { notify, close: () => pool.end() };
};

/**
 * The customer taps "accept" on the claim-approved subscribe prompt `times` times: WeChat then
 * allows that many messages, and the BFF records the accepts (SubscriptionRepository, as its
 * endpoint does).
 */
export const acceptClaimMessages = async (
  medium: Medium,
  customer: { customerId: string; openid: string },
  times = 1,
): Promise<void> => {
  const templateId = medium.integrations.claimApprovedTemplateId;
  const subscriptions = new SubscriptionRepository(medium.dataSource);
  for (let i = 0; i < times; i += 1) {
    medium.sim.acceptSubscription(customer.openid, [templateId]);
    await subscriptions.addAccept(customer.customerId, templateId);
  }
};

/** The claim-approved messages WeChat delivered to `openid` (the simulator's ledger). */
export const claimMessagesTo = (medium: Medium, openid: string) =>
  medium.sim.ledger
    .of('subscribe_message')
    .filter((entry) => entry.openid === openid && entry.templateId === medium.integrations.claimApprovedTemplateId)
    .map((entry) => entry.data as Record<string, { value: string }>);
