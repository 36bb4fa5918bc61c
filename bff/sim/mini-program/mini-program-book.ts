import { randomBytes } from 'node:crypto';
import type { SimContext } from '../sim-context.js';

/** A mini-program API answer: WeChat always says HTTP 200 and puts the outcome in errcode. */
export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

interface SimUser {
  openid: string;
  unionid?: string;
  riskRank: number;
  /** jscode2session answers 40226 for users WeChat flags as high-risk. */
  highRisk: boolean;
}

const CODE_TTL_MS = 5 * 60_000;
const TOKEN_TTL_S = 7200;
/** After a refresh the previous access_token keeps working for 5 minutes. */
const TOKEN_OVERLAP_MS = 5 * 60_000;
const LOGIN_LIMIT_PER_MINUTE = 100;
/**
 * 客服消息下发条件: a message from the user allows 5 replies for 48 h; entering the chat through
 * open-type="contact" allows 2 for 1 minute. They do not add up: each action raises the count to
 * at least its limit and the deadline to at least its own.
 */
const CS_ALLOWANCE = {
  message: { replies: 5, windowMs: 48 * 3600_000 },
  enter: { replies: 2, windowMs: 60_000 },
} as const;

/** State behind api.weixin.qq.com: users, one-time codes, access tokens, subscriptions, CS sessions. */
export class MiniProgramBook {
  private readonly users = new Map<string, SimUser>();
  private readonly loginCodes = new Map<string, { openid: string; expiresAt: number }>();
  private readonly phoneCodes = new Map<string, { phoneNumber: string; expiresAt: number }>();
  private readonly tokens = new Map<string, number>();
  private readonly loginHits = new Map<string, number[]>();
  private readonly subscriptions = new Map<string, number>();
  private readonly csSessions = new Map<string, { deadline: number; remaining: number }>();

  constructor(private readonly ctx: SimContext) {}

  upsertUser(input: { openid?: string; unionid?: string; riskRank?: number; highRisk?: boolean }): SimUser {
    const openid = input.openid ?? `o${randomBytes(20).toString('base64url').slice(0, 27)}`;
    const existing = this.users.get(openid);
    const user: SimUser = {
      openid,
      ...((input.unionid ?? existing?.unionid) ? { unionid: input.unionid ?? existing?.unionid } : {}),
      riskRank: input.riskRank ?? existing?.riskRank ?? 0,
      highRisk: input.highRisk ?? existing?.highRisk ?? false,
    };
    this.users.set(openid, user);
    return user;
  }

  /** Stands in for wx.login: a one-time code for this (possibly new) user. */
  mintLoginCode(input: { openid?: string; unionid?: string }): { code: string; openid: string } {
    const user = this.upsertUser(input);
    const code = randomBytes(16).toString('hex');
    this.loginCodes.set(code, { openid: user.openid, expiresAt: this.ctx.clock.now() + CODE_TTL_MS });
    return { code, openid: user.openid };
  }

  jscode2session(query: Record<string, string | undefined>): Record<string, unknown> {
    this.checkApp(query.appid, query.secret);
    if (query.grant_type !== 'authorization_code') throw new WxApiError(40002, 'invalid grant_type');
    const entry = query.js_code ? this.loginCodes.get(query.js_code) : undefined;
    // Each code works exactly once.
    if (query.js_code) this.loginCodes.delete(query.js_code);
    if (!entry || entry.expiresAt < this.ctx.clock.now()) throw new WxApiError(40029, 'invalid code');
    const user = this.users.get(entry.openid)!;
    const now = Date.now();
    const hits = (this.loginHits.get(user.openid) ?? []).filter((t) => t > now - 60_000);
    if (hits.length >= LOGIN_LIMIT_PER_MINUTE)
      throw new WxApiError(45011, 'api minute-quota reach limit, mustslower retry next minute');
    hits.push(now);
    this.loginHits.set(user.openid, hits);
    if (user.highRisk) throw new WxApiError(40226, 'code blocked: high risk user');
    return {
      openid: user.openid,
      session_key: randomBytes(16).toString('base64'),
      ...(user.unionid ? { unionid: user.unionid } : {}),
    };
  }

  issueAccessToken(query: Record<string, string | undefined>): Record<string, unknown> {
    if (query.grant_type !== 'client_credential') throw new WxApiError(40002, 'invalid grant_type');
    this.checkApp(query.appid, query.secret);
    // Token lifetimes run on real time: the business clock moves user-facing windows only.
    const now = Date.now();
    for (const [token, expiresAt] of this.tokens) this.tokens.set(token, Math.min(expiresAt, now + TOKEN_OVERLAP_MS));
    const accessToken = randomBytes(48).toString('base64url');
    this.tokens.set(accessToken, now + TOKEN_TTL_S * 1000);
    this.ctx.ledger.record({ kind: 'access_token', at: Date.now(), accessToken });
    return { access_token: accessToken, expires_in: TOKEN_TTL_S };
  }

  /** 40001 for a token we never issued, 42001 for one that expired. */
  checkAccessToken(token: string | undefined): void {
    const expiresAt = token ? this.tokens.get(token) : undefined;
    if (expiresAt === undefined)
      throw new WxApiError(40001, 'invalid credential, access_token is invalid or not latest');
    if (expiresAt < Date.now()) throw new WxApiError(42001, 'access_token expired');
  }

  /** The user tapped "accept" for these templates in wx.requestSubscribeMessage: one send each. */
  acceptSubscription(openid: string, templateIds: string[]): void {
    for (const id of templateIds)
      this.subscriptions.set(`${openid}|${id}`, (this.subscriptions.get(`${openid}|${id}`) ?? 0) + 1);
  }

  sendSubscribeMessage(body: Record<string, unknown>): Record<string, unknown> {
    const { touser, template_id: templateId, data } = body as { touser?: string; template_id?: string; data?: unknown };
    if (!touser || !templateId || typeof data !== 'object' || data === null)
      throw new WxApiError(47003, 'argument invalid! data.* invalid');
    const key = `${touser}|${templateId}`;
    const credits = this.subscriptions.get(key) ?? 0;
    if (credits <= 0) throw new WxApiError(43101, 'user refuse to accept the msg');
    this.subscriptions.set(key, credits - 1);
    this.ctx.ledger.record({ kind: 'subscribe_message', at: Date.now(), openid: touser, templateId, data });
    return { msgid: Number.parseInt(randomBytes(6).toString('hex'), 16) };
  }

  /** A user message (or entering the chat) opens or widens the reply window. */
  recordUserAction(openid: string, action: 'message' | 'enter'): void {
    this.upsertUser({ openid });
    const now = this.ctx.clock.now();
    const rule = CS_ALLOWANCE[action];
    const current = this.csSessions.get(openid);
    const open = current && now <= current.deadline ? current : { deadline: 0, remaining: 0 };
    this.csSessions.set(openid, {
      deadline: Math.max(open.deadline, now + rule.windowMs),
      remaining: Math.max(open.remaining, rule.replies),
    });
  }

  sendCustomMessage(body: Record<string, unknown>): Record<string, unknown> {
    const { touser, msgtype } = body as { touser?: string; msgtype?: string };
    if (!touser || !msgtype || !['text', 'image', 'link', 'miniprogrampage'].includes(msgtype))
      throw new WxApiError(40008, 'invalid message type');
    const session = this.csSessions.get(touser);
    if (!session || this.ctx.clock.now() > session.deadline)
      throw new WxApiError(45015, 'response out of time limit or subscription is canceled');
    if (session.remaining <= 0) throw new WxApiError(45047, 'out of response count limit');
    session.remaining -= 1;
    this.ctx.ledger.record({ kind: 'custom_message', at: Date.now(), openid: touser, msgtype, body });
    return {};
  }

  riskRank(body: Record<string, unknown>): Record<string, unknown> {
    const { appid, openid, scene } = body as { appid?: string; openid?: string; scene?: number };
    if (appid !== this.ctx.keys.appid) throw new WxApiError(40013, 'invalid appid');
    if (scene !== 0 && scene !== 1) throw new WxApiError(47001, 'data format error: scene');
    const user = openid ? this.users.get(openid) : undefined;
    if (!user) throw new WxApiError(40003, 'invalid openid');
    // "unoin_id" is WeChat's own spelling.
    return { risk_rank: user.riskRank, unoin_id: Number.parseInt(randomBytes(4).toString('hex'), 16) };
  }

  /** Stands in for <button open-type="getPhoneNumber">: a one-time code valid 5 minutes. */
  mintPhoneCode(phoneNumber: string): { code: string } {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phoneNumber, expiresAt: this.ctx.clock.now() + CODE_TTL_MS });
    return { code };
  }

  phoneNumber(body: Record<string, unknown>): Record<string, unknown> {
    const code = typeof body.code === 'string' ? body.code : undefined;
    const entry = code ? this.phoneCodes.get(code) : undefined;
    if (code) this.phoneCodes.delete(code);
    if (!entry || entry.expiresAt < this.ctx.clock.now()) throw new WxApiError(40029, 'invalid code');
    const countryCode = entry.phoneNumber.startsWith('+') ? entry.phoneNumber.slice(1, 3) : '86';
    const pure = entry.phoneNumber.replace(/^\+\d{2}/, '');
    return {
      phone_info: {
        phoneNumber: countryCode === '86' ? pure : `+${countryCode}${pure}`,
        purePhoneNumber: pure,
        countryCode,
        watermark: { timestamp: Math.floor(Date.now() / 1000), appid: this.ctx.keys.appid },
      },
    };
  }

  private checkApp(appid: string | undefined, secret: string | undefined): void {
    if (appid !== this.ctx.keys.appid) throw new WxApiError(40013, 'invalid appid');
    if (secret !== this.ctx.keys.appSecret) throw new WxApiError(40125, 'invalid appsecret');
  }
}
