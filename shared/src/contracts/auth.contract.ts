import { z } from 'zod';

export const wechatLoginRequestSchema = z.object({
  /** The one-time code from wx.login (or the simulator's stand-in in H5 development). */
  code: z.string().trim().min(1).max(128),
});
export type WechatLoginRequest = z.infer<typeof wechatLoginRequestSchema>;

export const wechatLoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type WechatLoginResponse = z.infer<typeof wechatLoginResponseSchema>;
