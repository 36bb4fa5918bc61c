import { paramError, V3Error } from '../http/v3-error.js';

/** Insurance claims (保险理赔) use scene 1004; the labels must match WeChat's doc to the character. */
export const INSURANCE_CLAIM_SCENE = '1004';
export const INSURANCE_CLAIM_PERCEPTION = '保险理赔款';
export const INSURANCE_CLAIM_REPORT_LABELS = ['保险产品备案编号', '保险名称', '保险操作单号'] as const;
/** 现金营销: campaign prizes. Its own perception texts and two report items (活动名称, 奖励说明). */
export const CASH_MARKETING_SCENE = '1000';
export const CASH_MARKETING_PERCEPTIONS = ['活动奖励', '现金奖励'] as const;
export const CASH_MARKETING_REPORT_LABELS = ['活动名称', '奖励说明'] as const;
/** From 2000 yuan up the payee's real name is required (encrypted). */
export const USER_NAME_REQUIRED_FROM_FEN = 200_000;

export interface TransferBillRequest {
  appid: string;
  out_bill_no: string;
  transfer_scene_id: string;
  openid: string;
  user_name?: string;
  transfer_amount: number;
  transfer_remark: string;
  notify_url?: string;
  user_recv_perception?: string;
  transfer_scene_report_infos: { info_type: string; info_content: string }[];
}

const chars = (s: string) => [...s].length;

export function parseTransferBill(body: Record<string, unknown>, appid: string): TransferBillRequest {
  const req = body as Partial<TransferBillRequest>;
  for (const field of ['appid', 'out_bill_no', 'transfer_scene_id', 'openid', 'transfer_remark'] as const) {
    if (typeof req[field] !== 'string' || !req[field]) throw paramError(field, '缺少必填参数');
  }
  if (req.appid !== appid) throw new V3Error('APPID_MCHID_NOT_MATCH', 'appid与商户号不匹配');
  if (!/^[0-9A-Za-z]{1,32}$/.test(req.out_bill_no!))
    throw paramError('out_bill_no', '须为不超过32位的字母或数字', req.out_bill_no);
  if (!Number.isInteger(req.transfer_amount) || req.transfer_amount! < 10)
    throw paramError('transfer_amount', '须为不小于10的整数(分)', req.transfer_amount);
  if (chars(req.transfer_remark!) > 32) throw paramError('transfer_remark', '不能超过32个字符');
  const infos = req.transfer_scene_report_infos ?? [];
  if (!Array.isArray(infos)) throw paramError('transfer_scene_report_infos', '须为数组');
  for (const info of infos) {
    if (typeof info?.info_type !== 'string' || typeof info.info_content !== 'string' || !info.info_content)
      throw paramError('transfer_scene_report_infos', '每项须有info_type和info_content');
    if (chars(info.info_content) > 32)
      throw paramError('transfer_scene_report_infos.info_content', '不能超过32个字符', info.info_content);
  }
  if (req.transfer_scene_id === INSURANCE_CLAIM_SCENE) {
    if (req.user_recv_perception !== INSURANCE_CLAIM_PERCEPTION)
      throw paramError(
        'user_recv_perception',
        `场景1004须为「${INSURANCE_CLAIM_PERCEPTION}」`,
        req.user_recv_perception,
      );
    const labels = infos.map((i) => i.info_type);
    const exact =
      labels.length === INSURANCE_CLAIM_REPORT_LABELS.length &&
      INSURANCE_CLAIM_REPORT_LABELS.every((label) => labels.filter((l) => l === label).length === 1);
    if (!exact)
      throw paramError(
        'transfer_scene_report_infos',
        `场景1004须且仅须上报: ${INSURANCE_CLAIM_REPORT_LABELS.join('、')}`,
        labels,
      );
  } else if (req.transfer_scene_id === CASH_MARKETING_SCENE) {
    if (!(CASH_MARKETING_PERCEPTIONS as readonly string[]).includes(req.user_recv_perception ?? '')) {
      throw paramError(
        'user_recv_perception',
        `场景1000须为「${CASH_MARKETING_PERCEPTIONS.join('」或「')}」`,
        req.user_recv_perception,
      );
    }
    const labels = infos.map((i) => i.info_type);
    const exact =
      labels.length === CASH_MARKETING_REPORT_LABELS.length &&
      CASH_MARKETING_REPORT_LABELS.every((label) => labels.filter((l) => l === label).length === 1);
    if (!exact)
      throw paramError(
        'transfer_scene_report_infos',
        `场景1000须且仅须上报: ${CASH_MARKETING_REPORT_LABELS.join('、')}`,
        labels,
      );
  } else {
    throw new V3Error('NO_AUTH', `商户未开通转账场景${req.transfer_scene_id}`);
  }
  if (req.transfer_amount! >= USER_NAME_REQUIRED_FROM_FEN && !req.user_name)
    throw paramError('user_name', '转账金额≥2000元时须填写收款用户姓名');
  return req as TransferBillRequest;
}
