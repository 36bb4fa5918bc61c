import { parentPort, workerData } from 'node:worker_threads';
import { DEV_SIMULATOR_KEYS } from '../../sim/sim-keys.js';
import {
  signedTransactionNotification,
  type TransactionFacts,
} from '../../sim/notifications/signed-transaction-notification.js';

/** Signs and encrypts payment notifications off the main thread, before a benchmark's clock starts. */
const facts = workerData as TransactionFacts[];
parentPort!.postMessage(facts.map((fact) => signedTransactionNotification({ keys: DEV_SIMULATOR_KEYS }, fact)));
