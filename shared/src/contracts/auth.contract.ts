import { z } from 'zod';

export const wechatLoginRequestSchema = z.object({
  /** The one-time code from wx.login (or the simulator's stand-in in H5 development). */
  code: z.string().trim().min(1).max(128),
  /** The invite code a share card or poster carried (launch options); used on a first login only. */
  inviteCode: z.string().trim().max(32).optional(),
  /** Where the user came in (the share path) and WeChat's launch scene, for attribution. */
  sharePath: z.string().trim().max(256).optional(),
  scene: z.number().int().min(0).max(100_000).optional(),
});
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const wechatLoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type WechatLoginResponse = z.infer<typeof wechatLoginResponseSchema>;
