import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decryptSensitiveField } from '../crypto/resource-cipher.js';
import { checkNotifyUrl } from '../pay/jsapi-order-rules.js';
import { paramError, V3Error } from '../http/v3-error.js';
import type { SimContext } from '../sim-context.js';
import { toBeijingRfc3339 } from '../state/sim-clock.js';
import { parseTransferBill, type TransferBillRequest } from './transfer-bill-rules.js';

export type TransferBillState =
  'ACCEPTED' | 'PROCESSING' | 'WAIT_USER_CONFIRM' | 'TRANSFERING' | 'SUCCESS' | 'FAIL' | 'CANCELING' | 'CANCELLED';

/** How the payee takes the money: confirm in the mini-program, or the whitelisted 免确认 mode. */
export type TransferConfirmationMode = 'user_confirm' | 'authorized';

interface Bill {
  request: TransferBillRequest;
  userName?: string;
  fingerprint: string;
  transferBillNo: string;
  state: TransferBillState;
  failReason?: string;
  createTime: number;
  updateTime: number;
}

/** If the user does not confirm within 24 h the bill ends and the money returns. */
const CONFIRM_TTL_MS = 24 * 3600_000;
const FINAL: TransferBillState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];

/** 商家转账 transfer bills with their full state machine and the operating account behind them. */
export class TransferBillBook {
  private readonly byOutBillNo = new Map<string, Bill>();
  private readonly packages = new Map<string, Bill>();
  /** The operating account (运营账户) payouts are drawn from, in fen. */
  operatingBalance: number;
  confirmationMode: TransferConfirmationMode = 'user_confirm';
  /** One third-party sample names it `mchid`; WeChat's doc says `mch_id`. */
  notificationMchidField: 'mch_id' | 'mchid' = 'mch_id';

  constructor(
    private readonly ctx: SimContext,
    operatingBalance: number,
    private readonly settleDelayMs: number,
  ) {
    this.operatingBalance = operatingBalance;
  }

  create(body: Record<string, unknown>, headers: IncomingHttpHeaders): Record<string, unknown> {
    this.expireOverdue();
    const request = parseTransferBill(body, this.ctx.keys.appid);
    if (request.notify_url !== undefined) checkNotifyUrl(this.ctx, request.notify_url);
    const userName = request.user_name ? this.decryptUserName(request.user_name, headers) : undefined;
    const fingerprint = JSON.stringify([
      request.appid,
      request.transfer_scene_id,
      request.openid,
      userName ?? null,
      request.transfer_amount,
      request.transfer_remark,
      request.notify_url ?? null,
      request.user_recv_perception ?? null,
      request.transfer_scene_report_infos,
    ]);
    const existing = this.byOutBillNo.get(request.out_bill_no);
    if (existing) {
      // Same out_bill_no, same parameters: the same bill (a fresh package_info while it waits).
      if (existing.fingerprint !== fingerprint) throw new V3Error('INVALID_REQUEST', '单号已存在但信息不一致');
      return this.createView(existing);
    }
    if (this.operatingBalance < request.transfer_amount) throw new V3Error('NOT_ENOUGH', '运营账户余额不足');
    this.operatingBalance -= request.transfer_amount;
    const now = this.ctx.clock.now();
    const bill: Bill = {
      request,
      ...(userName ? { userName } : {}),
      fingerprint,
      transferBillNo: `1330${randomBytes(14)
        .toString('hex')
        .replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`,
      state: 'ACCEPTED',
      createTime: now,
      updateTime: now,
    };
    this.byOutBillNo.set(request.out_bill_no, bill);
    this.record(bill);
    if (this.confirmationMode === 'authorized') {
      this.transition(bill, 'PROCESSING');
      setTimeout(() => this.finish(bill, 'SUCCESS'), this.settleDelayMs).unref();
    } else {
      this.transition(bill, 'WAIT_USER_CONFIRM');
    }
    return this.createView(bill);
  }

  query(by: 'out_bill_no' | 'transfer_bill_no', id: string): Record<string, unknown> {
    this.expireOverdue();
    const bill =
      by === 'out_bill_no'
        ? this.byOutBillNo.get(id)
        : [...this.byOutBillNo.values()].find((b) => b.transferBillNo === id);
    if (!bill) throw new V3Error('NOT_FOUND', '记录不存在');
    return {
      mch_id: this.ctx.keys.mchid,
      out_bill_no: bill.request.out_bill_no,
      transfer_bill_no: bill.transferBillNo,
      appid: bill.request.appid,
      state: bill.state,
      transfer_amount: bill.request.transfer_amount,
      transfer_remark: bill.request.transfer_remark,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      openid: bill.request.openid,
      create_time: toBeijingRfc3339(bill.createTime),
      update_time: toBeijingRfc3339(bill.updateTime),
    };
  }

  cancel(outBillNo: string): Record<string, unknown> {
    this.expireOverdue();
    const bill = this.byOutBillNo.get(outBillNo);
    if (!bill) throw new V3Error('NOT_FOUND', '记录不存在');
    if (bill.state === 'ACCEPTED' || bill.state === 'PROCESSING' || bill.state === 'WAIT_USER_CONFIRM') {
      // Cancelling is asynchronous at WeChat: CANCELING now, CANCELLED (and a notification) shortly.
      this.transition(bill, 'CANCELING');
      setTimeout(() => this.finish(bill, 'CANCELLED'), this.settleDelayMs).unref();
    } else if (bill.state !== 'CANCELING' && bill.state !== 'CANCELLED') {
      throw new V3Error('INVALID_REQUEST', `单据状态为${bill.state}，不允许撤销`);
    }
    return {
      out_bill_no: outBillNo,
      transfer_bill_no: bill.transferBillNo,
      state: bill.state,
      update_time: toBeijingRfc3339(bill.updateTime),
    };
  }

  /** The phone's side of wx.requestMerchantTransfer: the user confirms package Y. */
  confirm(input: {
    package: string;
    openid: string;
    appid: string;
    outcome?: 'SUCCESS' | 'FAIL';
    failReason?: string;
  }): Record<string, unknown> {
    this.expireOverdue();
    const bill = this.packages.get(input.package);
    if (!bill) throw new V3Error('INVALID_REQUEST', 'package无效');
    if (input.appid !== bill.request.appid || input.openid !== bill.request.openid)
      throw new V3Error('INVALID_REQUEST', '确认收款的appid/openid与转账单不一致');
    if (bill.state !== 'WAIT_USER_CONFIRM')
      throw new V3Error('INVALID_REQUEST', `单据状态为${bill.state}，不能确认收款`);
    this.transition(bill, 'TRANSFERING');
    const outcome = input.outcome ?? 'SUCCESS';
    setTimeout(() => this.finish(bill, outcome, input.failReason ?? 'ACCOUNT_FROZEN'), this.settleDelayMs).unref();
    return { out_bill_no: bill.request.out_bill_no, transfer_bill_no: bill.transferBillNo, state: bill.state };
  }

  /** Ends every bill whose 24 h confirmation window has passed on the business clock. */
  expireOverdue(): void {
    const now = this.ctx.clock.now();
    for (const bill of this.byOutBillNo.values()) {
      if (bill.state === 'WAIT_USER_CONFIRM' && now - bill.createTime > CONFIRM_TTL_MS) {
        this.finish(bill, 'CANCELLED', 'OVERDUE_CLOSE');
      }
    }
  }

  private decryptUserName(cipher: string, headers: IncomingHttpHeaders): string {
    // The request names the key the field was encrypted under in Wechatpay-Serial.
    const serial = headers['wechatpay-serial'];
    const key =
      serial === this.ctx.keys.wechatPayPublicKey.id
        ? this.ctx.publicKeyPrivateKey
        : serial === this.ctx.keys.platform.serial
          ? this.ctx.platformPrivateKey
          : undefined;
    if (!key) throw paramError('Wechatpay-Serial', '加密敏感信息时须携带有效的微信支付公钥ID或平台证书序列号', serial);
    try {
      return decryptSensitiveField(key, cipher);
    } catch {
      throw paramError('user_name', '解密失败，请使用RSA-OAEP加密');
    }
  }

  private createView(bill: Bill): Record<string, unknown> {
    let packageInfo: string | undefined;
    if (bill.state === 'WAIT_USER_CONFIRM') {
      packageInfo = `ABBQO+oYAAABAAAAAAA${randomBytes(24).toString('base64url')}`;
      this.packages.set(packageInfo, bill);
    }
    return {
      out_bill_no: bill.request.out_bill_no,
      transfer_bill_no: bill.transferBillNo,
      create_time: toBeijingRfc3339(bill.createTime),
      state: bill.state,
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
      ...(packageInfo ? { package_info: packageInfo } : {}),
    };
  }

  private transition(bill: Bill, state: TransferBillState, failReason?: string): void {
    bill.state = state;
    bill.updateTime = this.ctx.clock.now();
    if (failReason) bill.failReason = failReason;
  }

  private finish(bill: Bill, state: 'SUCCESS' | 'FAIL' | 'CANCELLED', failReason?: string): void {
    if (FINAL.includes(bill.state)) return;
    this.transition(bill, state, state === 'SUCCESS' ? undefined : failReason);
    if (state !== 'SUCCESS') this.operatingBalance += bill.request.transfer_amount;
    this.record(bill);
    if (!bill.request.notify_url) return;
    this.ctx.notifier.enqueue({
      url: bill.request.notify_url,
      eventType: 'MCHTRANSFER.BILL.FINISHED',
      summary: '商家转账单据终态通知',
      originalType: 'mch_payment',
      resource: {
        out_bill_no: bill.request.out_bill_no,
        transfer_bill_no: bill.transferBillNo,
        state: bill.state,
        [this.notificationMchidField]: this.ctx.keys.mchid,
        transfer_amount: bill.request.transfer_amount,
        openid: bill.request.openid,
        ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
        create_time: toBeijingRfc3339(bill.createTime),
        update_time: toBeijingRfc3339(bill.updateTime),
      },
    });
  }

  private record(bill: Bill): void {
    this.ctx.ledger.record({
      kind: 'transfer',
      at: Date.now(),
      outBillNo: bill.request.out_bill_no,
      transferBillNo: bill.transferBillNo,
      amount: bill.request.transfer_amount,
      openid: bill.request.openid,
      sceneId: bill.request.transfer_scene_id,
      state: bill.state,
      ...(bill.failReason ? { failReason: bill.failReason } : {}),
    });
  }
}
