import type { KeyObject } from 'node:crypto';
import type { CustomerServicePushMode } from './mini-program/customer-service-pusher.js';
import type { WechatPaySigner } from './crypto/wechatpay-signer.js';
import type { NotificationDispatcher } from './notifications/notification-dispatcher.js';
import type { SimulatorKeys } from './sim-keys.js';
import type { FaultSwitches } from './state/fault-switches.js';
import type { Ledger } from './state/ledger.js';
import type { SimClock } from './state/sim-clock.js';

/** What every route module of the simulator shares. */
export interface SimContext {
  readonly keys: SimulatorKeys;
  readonly clock: SimClock;
  readonly ledger: Ledger;
  readonly faults: FaultSwitches;
  readonly signer: WechatPaySigner;
  readonly notifier: NotificationDispatcher;
  readonly merchantPublicKey: KeyObject;
  readonly platformPrivateKey: KeyObject;
  readonly publicKeyPrivateKey: KeyObject;
  readonly settings: {
    timeScale: number;
    /** WeChat only accepts https notify_urls; off by default so http://127.0.0.1 works locally. */
    requireHttpsNotifyUrl: boolean;
    transferQpsLimit: number;
    customerServicePushUrl: string | undefined;
    /** 消息推送's encryption mode: plain (明文) or safe (安全模式). */
    customerServicePushMode: CustomerServicePushMode;
  };
}
