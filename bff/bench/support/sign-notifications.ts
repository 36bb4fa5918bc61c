import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SignedNotification, TransactionFacts } from '../../sim/notifications/signed-transaction-notification.js';

/** RSA-signs `facts` as WeChat Pay callbacks on every core, in parallel. */
export const signNotifications = async (facts: TransactionFacts[]): Promise<SignedNotification[]> => {
  const threads = Math.max(1, availableParallelism());
  const chunk = Math.ceil(facts.length / threads);
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, i) => facts.slice(i * chunk, (i + 1) * chunk)).map(
      (part) =>
        new Promise<SignedNotification[]>((resolve, reject) => {
          if (part.length === 0) return resolve([]);
          const worker = new Worker(new URL('./sign-notifications.worker.js', import.meta.url), { workerData: part });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return parts.flat();
};
