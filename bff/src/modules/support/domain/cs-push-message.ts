import { z } from 'zod';

/**
 * A 消息推送 message as WeChat sends it (JSON data format; wechat.md §7). Unknown message types are
 * kept as evidence but not shown as conversation content.
 */
const pushSchema = z.object({
  ToUserName: z.string(),
  FromUserName: z.string().min(1).max(64),
  CreateTime: z.coerce.number().int().positive(),
  MsgType: z.string(),
  MsgId: z.union([z.string(), z.number()]).optional(),
  Content: z.string().optional(),
  MediaId: z.string().optional(),
  PicUrl: z.string().optional(),
  Title: z.string().optional(),
  PagePath: z.string().optional(),
  ThumbMediaId: z.string().optional(),
  Event: z.string().optional(),
  SessionFrom: z.string().optional(),
});

export type PushedContent =
  | { type: 'text'; text: string }
  | { type: 'image'; mediaId: string }
  | { type: 'miniprogrampage'; title: string; pagePath: string }
  | { type: 'enter'; sessionFrom: string }
  | { type: 'other'; msgType: string };

export interface PushedMessage {
  openid: string;
  /** WeChat's CreateTime: the moment the reply window is counted from. */
  createdAt: Date;
  /** MsgId, or FromUserName:CreateTime for events (which carry none), as WeChat advises. */
  dedupeKey: string;
  content: PushedContent;
  /**
   * What the 联系客服 entry carried: WeChat's SessionFrom on entering the chat, or the `from` of
   * the H5 chat page (which sends it with the message). Empty when none.
   */
  sessionFrom: string;
}

const contentOf = (push: z.infer<typeof pushSchema>): PushedContent => {
  switch (push.MsgType) {
    case 'text':
      return { type: 'text', text: push.Content ?? '' };
    case 'image':
      return { type: 'image', mediaId: push.MediaId ?? '' };
    case 'miniprogrampage':
      return { type: 'miniprogrampage', title: push.Title ?? '', pagePath: push.PagePath ?? '' };
    case 'event':
      return push.Event === 'user_enter_tempsession'
        ? { type: 'enter', sessionFrom: push.SessionFrom ?? '' }
        : { type: 'other', msgType: `event:${push.Event ?? ''}` };
    default:
      return { type: 'other', msgType: push.MsgType };
  }
};

/** The message of a (decrypted) push body, or null when it is not one. */
export const parsePushedMessage = (payload: unknown): PushedMessage | null => {
  const result = pushSchema.safeParse(payload);
  if (!result.success) return null;
  const push = result.data;
  const dedupeKey =
    push.MsgId !== undefined && String(push.MsgId) !== ''
      ? String(push.MsgId)
      : `${push.FromUserName}:${push.CreateTime}`;
  return {
    openid: push.FromUserName,
    createdAt: new Date(push.CreateTime * 1000),
    dedupeKey: dedupeKey.slice(0, 96),
    content: contentOf(push),
    sessionFrom: (push.SessionFrom ?? '').slice(0, 64),
  };
};

/** One line for the inbox list. */
export const previewOf = (content: PushedContent): string => {
  switch (content.type) {
    case 'text':
      return content.text.slice(0, 120);
    case 'image':
      return '[图片]';
    case 'miniprogrampage':
      return `[小程序卡片] ${content.title}`.slice(0, 120);
    case 'enter':
      return content.sessionFrom ? `[进入客服会话] ${content.sessionFrom}` : '[进入客服会话]';
    case 'other':
      return `[${content.msgType}]`;
  }
};
