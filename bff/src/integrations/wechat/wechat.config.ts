/** Mini-program platform settings, built by core/config; the adapters never read the environment. */
export interface WechatConfig {
  /** WECHAT_API_ORIGIN: https://api.weixin.qq.com in production, the simulator locally. */
  readonly apiOrigin: string;
  readonly appid: string;
  readonly secret: string;
  /** The 消息推送 token that signs customer-service pushes. */
  readonly pushToken?: string;
  /** The 消息推送 EncodingAESKey: decrypts pushes in safe mode. */
  readonly pushEncodingAesKey?: string;
  /** Per-request timeout. Default 5 s. */
  readonly timeoutMs?: number;
}
