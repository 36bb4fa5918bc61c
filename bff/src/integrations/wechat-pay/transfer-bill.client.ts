import { constants, publicEncrypt } from 'node:crypto';
import { parse } from './wechat-pay.gateway.js';
import { wechatPayNotifyUrls, type WechatPayConfig } from './wechat-pay.config.js';
import {
  transferBillCancelledSchema,
  transferBillCreatedSchema,
  transferBillSchema,
  type TransferBillState,
} from './wechat-pay.schemas.js';
import type { WechatPaySdk } from './wechat-pay.sdk.js';
import { WECHATPAY_CANONICAL_ORIGIN, type WechatPayTransport } from './wechat-pay.transport.js';
import type { VerificationKeyStore } from './verification-key.store.js';

/** Scene 1004 (保险理赔): the perception text and report labels must match WeChat's doc exactly. */
export const INSURANCE_CLAIM_SCENE_ID = '1004';
export const INSURANCE_CLAIM_RECV_PERCEPTION = '保险理赔款';

/** The three report items scene 1004 requires, with their labels to the character. Each value <= 32 chars. */
export function insuranceClaimReportInfos(input: {
  productFilingNo: string;
  productName: string;
  claimNo: string;
}): { info_type: string; info_content: string }[] {
  return [
    { info_type: '保险产品备案编号', info_content: input.productFilingNo },
    { info_type: '保险名称', info_content: input.productName },
    { info_type: '保险操作单号', info_content: input.claimNo },
  ];
}

/** From 2000 yuan the payee's real name is required, RSA-OAEP encrypted. */
export const USER_NAME_REQUIRED_FROM_FEN = 200_000;

export interface CreateTransferBillInput {
  /** <= 32 letters and digits, derived from the claim. Keep it until the bill is definitely FAIL or CANCELLED. */
  outBillNo: string;
  openid: string;
  amountFen: number;
  /** <= 32 characters, shown to the payee. */
  remark: string;
  sceneId?: string;
  userRecvPerception?: string;
  reportInfos: { info_type: string; info_content: string }[];
  /** Plain text; encrypted here. Required from USER_NAME_REQUIRED_FROM_FEN. */
  userName?: string;
}

export interface TransferBill {
  outBillNo: string;
  transferBillNo: string;
  state: TransferBillState;
  createTime: string;
  failReason?: string;
  /** For wx.requestMerchantTransfer; only while WAIT_USER_CONFIRM. Fetch fresh, do not cache. */
  packageInfo?: string;
}

const BASE = `${WECHATPAY_CANONICAL_ORIGIN}/v3/fund-app/mch-transfer/transfer-bills`;

/**
 * 商家转账 transfer bills, which the SDK does not cover: built on its signing helpers
 * and sent through the same verifying transport.
 */
export class TransferBillClient {
  private readonly notifyUrl: string;

  constructor(
    private readonly sdk: WechatPaySdk,
    private readonly transport: WechatPayTransport,
    private readonly keys: VerificationKeyStore,
    private readonly config: WechatPayConfig,
  ) {
    this.notifyUrl = wechatPayNotifyUrls(config).transfer;
  }

  /** Re-creating with the same out_bill_no and parameters returns the same bill with a fresh package_info. */
  async create(input: CreateTransferBillInput): Promise<TransferBill> {
    const extraHeaders: Record<string, string> = { 'Content-Type': 'application/json' };
    let userName: string | undefined;
    if (input.userName) {
      const { serial, key } = await this.keys.encryptionKey();
      userName = publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
        Buffer.from(input.userName, 'utf8'),
      ).toString('base64');
      // Tells WeChat which of its keys the field was encrypted under.
      extraHeaders['Wechatpay-Serial'] = serial;
    }
    const body: Record<string, unknown> = {
      appid: this.config.appid,
      out_bill_no: input.outBillNo,
      transfer_scene_id: input.sceneId ?? INSURANCE_CLAIM_SCENE_ID,
      openid: input.openid,
      ...(userName ? { user_name: userName } : {}),
      transfer_amount: input.amountFen,
      transfer_remark: input.remark,
      notify_url: this.notifyUrl,
      user_recv_perception: input.userRecvPerception ?? INSURANCE_CLAIM_RECV_PERCEPTION,
      transfer_scene_report_infos: input.reportInfos,
    };
    const result = await this.transport.post(
      BASE,
      body,
      this.sdk.headersFor(this.sdk.authorizationFor('POST', BASE, body), extraHeaders),
    );
    const created = parse(transferBillCreatedSchema, result);
    return {
      outBillNo: created.out_bill_no,
      transferBillNo: created.transfer_bill_no,
      state: created.state,
      createTime: created.create_time,
      ...(created.fail_reason ? { failReason: created.fail_reason } : {}),
      ...(created.package_info ? { packageInfo: created.package_info } : {}),
    };
  }

  queryByOutBillNo(outBillNo: string) {
    return this.query(`${BASE}/out-bill-no/${encodeURIComponent(outBillNo)}`);
  }

  queryByTransferBillNo(transferBillNo: string) {
    return this.query(`${BASE}/transfer-bill-no/${encodeURIComponent(transferBillNo)}`);
  }

  /** Answers CANCELING or CANCELLED; the final state also arrives as a notification. */
  async cancel(
    outBillNo: string,
  ): Promise<{ outBillNo: string; transferBillNo: string; state: 'CANCELING' | 'CANCELLED' }> {
    const url = `${BASE}/out-bill-no/${encodeURIComponent(outBillNo)}/cancel`;
    const body = {};
    const result = await this.transport.post(
      url,
      body,
      this.sdk.headersFor(this.sdk.authorizationFor('POST', url, body), { 'Content-Type': 'application/json' }),
    );
    const cancelled = parse(transferBillCancelledSchema, result);
    return { outBillNo: cancelled.out_bill_no, transferBillNo: cancelled.transfer_bill_no, state: cancelled.state };
  }

  private async query(url: string) {
    const bill = parse(
      transferBillSchema,
      await this.transport.get(url, this.sdk.headersFor(this.sdk.authorizationFor('GET', url))),
    );
    return {
      outBillNo: bill.out_bill_no,
      transferBillNo: bill.transfer_bill_no,
      state: bill.state,
      amountFen: bill.transfer_amount,
      openid: bill.openid,
      createTime: bill.create_time,
      updateTime: bill.update_time,
      ...(bill.fail_reason ? { failReason: bill.fail_reason } : {}),
    };
  }
}
