import { paramError, V3Error } from '../http/v3-error.js';
import type { SimContext } from '../sim-context.js';

export interface JsapiOrderRequest {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  time_expire?: string;
  attach?: string;
  amount: { total: number; currency: string };
  payer: { openid: string };
  scene_info?: unknown;
  settle_info?: unknown;
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/** Validates a JSAPI order the way WeChat documents it (wechat.md §3). */
export function parseJsapiOrder(ctx: SimContext, body: Record<string, unknown>): JsapiOrderRequest {
  const req = body as Partial<JsapiOrderRequest>;
  for (const field of ['appid', 'mchid', 'description', 'out_trade_no', 'notify_url'] as const) {
    if (typeof req[field] !== 'string' || !req[field]) throw paramError(field, '缺少必填参数');
  }
  if (req.appid !== ctx.keys.appid || req.mchid !== ctx.keys.mchid) {
    throw new V3Error('APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  }
  if ([...req.description!].length > 127) throw paramError('description', '长度超过127');
  if (!OUT_TRADE_NO.test(req.out_trade_no!))
    throw paramError('out_trade_no', '须为6-32位字母、数字、_-|*', req.out_trade_no);
  checkNotifyUrl(ctx, req.notify_url!);
  if (req.attach !== undefined && (typeof req.attach !== 'string' || [...req.attach].length > 128))
    throw paramError('attach', '长度超过128');
  if (req.time_expire !== undefined && Number.isNaN(Date.parse(req.time_expire)))
    throw paramError('time_expire', '须为RFC 3339格式');
  const total = req.amount?.total;
  if (!Number.isInteger(total) || (total as number) <= 0) throw paramError('amount.total', '须为正整数(分)', total);
  if ((req.amount?.currency ?? 'CNY') !== 'CNY') throw paramError('amount.currency', '仅支持CNY');
  if (typeof req.payer?.openid !== 'string' || !req.payer.openid) throw paramError('payer.openid', '缺少必填参数');
  return { ...(req as JsapiOrderRequest), amount: { total: total as number, currency: 'CNY' } };
}

export function checkNotifyUrl(ctx: SimContext, url: string, field = 'notify_url'): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw paramError(field, '不是合法的URL', url);
  }
  if (parsed.search) throw paramError(field, '不能携带查询参数', url);
  if (ctx.settings.requireHttpsNotifyUrl && parsed.protocol !== 'https:') throw paramError(field, '须为https地址', url);
}
