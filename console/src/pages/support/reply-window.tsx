import type { ReplyWindow } from '@xiaoan/shared';
import { Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { formatCountdown } from './support-api.js';

export interface ReplyWindowBadgeProps {
  window: ReplyWindow;
  /** When the window figures were read (ms), so the countdown keeps running between refreshes. */
  readAt: number;
}

/** WeChat's reply window as the agent needs it: time left and replies left; red when WeChat would refuse. */
export function ReplyWindowBadge({ window, readAt }: ReplyWindowBadgeProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = window.open ? window.secondsLeft - Math.floor((now - readAt) / 1000) : 0;
  if (left <= 0)
    return (
      <Tag color="red" data-testid="reply-window">
        回复窗口已关闭{window.fallbackAvailable ? ' · 可发订阅消息' : ''}
      </Tag>
    );
  return (
    <Space size={4} data-testid="reply-window">
      <Tag color={left < 3600 ? 'orange' : 'blue'} data-testid="reply-countdown">
        回复窗口剩余 {formatCountdown(left)}
      </Tag>
      <Tag color={window.remaining > 0 ? 'green' : 'red'} data-testid="reply-quota">
        剩余可回复 {window.remaining} 条
      </Tag>
    </Space>
  );
}
