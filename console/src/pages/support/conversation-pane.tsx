import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SupportMessage } from '@xiaoan/shared';
import { Alert, App, Button, Card, Empty, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error.js';
import { formatTime } from '../../format-time.js';
import { ReplyWindowBadge } from './reply-window.js';
import { CONVERSATION_STATUS_LABELS, supportApi } from './support-api.js';

export interface ConversationPaneProps {
  conversationId: string;
}

const messageBody = (message: SupportMessage): string => {
  if (message.kind === 'image') return `[图片 ${message.mediaId ?? ''}]`;
  if (message.kind === 'miniprogrampage') return `[小程序卡片] ${message.card?.title ?? ''}`;
  if (message.kind === 'event') return `[进入客服会话] ${message.text ?? ''}`;
  if (message.kind === 'subscribe') return `[订阅消息] ${message.text ?? ''}`;
  return message.text ?? '';
};

const SEND_STATE: Record<string, string> = { queued: '发送中', sent: '已送达微信', failed: '发送失败' };

/** One conversation: the thread, WeChat's window and quota, and the ways to answer. */
export function ConversationPane({ conversationId }: ConversationPaneProps) {
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [cannedId, setCannedId] = useState<string>();
  const [claimId, setClaimId] = useState<string>();
  const detail = useQuery({
    queryKey: ['support-detail', conversationId],
    queryFn: () => supportApi.detail(conversationId),
    refetchInterval: 5000,
  });
  const canned = useQuery({ queryKey: ['canned-replies'], queryFn: supportApi.cannedReplies });
  const context = useQuery({
    queryKey: ['support-context', conversationId],
    queryFn: () => supportApi.context(conversationId),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['support-detail', conversationId] });
    void queryClient.invalidateQueries({ queryKey: ['support-inbox'] });
  };
  const useAction = <T,>(run: () => Promise<T>, done: string) =>
    useMutation({
      mutationFn: run,
      onSuccess: () => {
        void toast.success(done);
        refresh();
      },
      onError: (error) => void toast.error(describeError(error)),
    });
  const take = useAction(() => supportApi.take(conversationId), '已接入该会话');
  const send = useAction(async () => {
    await supportApi.reply(conversationId, { text });
    setText('');
  }, '已发送');
  const sendCanned = useAction(
    () => supportApi.reply(conversationId, { cannedReplyId: cannedId!, ...(claimId ? { claimId } : {}) }),
    '快捷回复已发送',
  );
  const note = useAction(async () => {
    await supportApi.note(conversationId, text);
    setText('');
  }, '备注已保存');
  const fallback = useAction(
    () => supportApi.fallback(conversationId, text.slice(0, 20) || '您的问题已有答复'),
    '订阅消息已发送',
  );
  const resolve = useAction(() => supportApi.resolve(conversationId), '会话已解决');

  if (detail.isLoading)
    return (
      <Card>
        <Spin />
      </Card>
    );
  if (detail.error)
    return (
      <Card>
        <Alert type="error" message={describeError(detail.error)} />
      </Card>
    );
  const conversation = detail.data!;
  const window = conversation.replyWindow;
  // The H5 chat page reads replies itself: WeChat's window and quota do not apply to it.
  const onPage = conversation.channel === 'h5';
  const canReply = onPage || (window.open && window.remaining > 0);
  const chosen = canned.data?.items.find((item) => item.id === cannedId);
  const needsClaim = Boolean(chosen && chosen.variables.some((name) => name !== 'greeting'));

  return (
    <Card
      size="small"
      data-testid="conversation-pane"
      title={
        <Space wrap>
          <span>{conversation.openidMasked}</span>
          <Tag>{CONVERSATION_STATUS_LABELS[conversation.status]}</Tag>
          {conversation.sessionFrom ? <Tag color="purple">来自 {conversation.sessionFrom}</Tag> : null}
          <Tag color={onPage ? 'cyan' : 'green'} data-testid="channel">
            {onPage ? 'H5 聊天页' : '微信'}
          </Tag>
          {conversation.rating !== null ? (
            <Tag color="gold" data-testid="rating">
              满意度 {'★'.repeat(conversation.rating)}（{conversation.rating}/5）
            </Tag>
          ) : null}
        </Space>
      }
      extra={
        <Space>
          {conversation.assignee ? <Tag data-testid="assignee">处理人 {conversation.assignee.displayName}</Tag> : null}
          <Button onClick={() => take.mutate()} loading={take.isPending} data-testid="take-conversation">
            接入
          </Button>
          <Button onClick={() => resolve.mutate()} disabled={conversation.status === 'resolved'}>
            标记已解决
          </Button>
        </Space>
      }
    >
      {onPage ? (
        <Tag color="cyan" data-testid="reply-window">
          用户在 H5 聊天页，回复直接显示在页面上，不受微信 48 小时 / 5 条限制
        </Tag>
      ) : (
        <ReplyWindowBadge window={window} readAt={detail.dataUpdatedAt} />
      )}
      <div className="support-thread" data-testid="thread">
        {conversation.messages.length === 0 ? <Empty description="暂无消息" /> : null}
        {conversation.messages.map((message) => (
          <div
            key={message.id}
            className={`support-message support-message--${message.direction}`}
            data-testid={`message-${message.direction}`}
          >
            <Typography.Text type="secondary" className="support-message__meta">
              {message.direction === 'in'
                ? '用户'
                : message.direction === 'note'
                  ? `内部备注 · ${message.author ?? ''}`
                  : (message.author ?? '客服')}{' '}
              · {formatTime(message.createdAt)}
              {message.sendState
                ? ` · ${onPage && message.sendState === 'sent' ? '已显示在聊天页' : SEND_STATE[message.sendState]}${message.errorCode ? `（${message.errorCode}）` : ''}`
                : ''}
            </Typography.Text>
            <div className="support-message__body">{messageBody(message)}</div>
          </div>
        ))}
      </div>
      {!canReply ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={
            window.open
              ? '本轮可回复条数已用完，需等用户再次发消息'
              : '已超过微信回复时限（用户最后一条消息后 48 小时）'
          }
          action={
            window.fallbackAvailable ? (
              <Button size="small" onClick={() => fallback.mutate()} data-testid="send-fallback">
                改发订阅消息
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Input.TextArea
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="输入回复内容，或写内部备注"
        maxLength={1000}
        data-testid="reply-text"
      />
      <Space style={{ marginTop: 8 }} wrap>
        <Button
          type="primary"
          disabled={!canReply || !text.trim()}
          loading={send.isPending}
          onClick={() => send.mutate()}
          data-testid="send-reply"
        >
          发送
        </Button>
        <Button disabled={!text.trim()} onClick={() => note.mutate()}>
          添加内部备注
        </Button>
        <Select
          placeholder="快捷回复"
          style={{ width: 180 }}
          value={cannedId}
          onChange={setCannedId}
          options={(canned.data?.items ?? []).map((item) => ({ value: item.id, label: item.title }))}
          data-testid="canned-select"
        />
        <Select
          placeholder="关联理赔"
          style={{ width: 220 }}
          value={claimId}
          onChange={setClaimId}
          allowClear
          options={(context.data?.claims ?? []).map((claim) => ({
            value: claim.id,
            label: `${claim.claimNo} · ${claim.headline}`,
          }))}
          data-testid="claim-select"
        />
        <Button
          disabled={!canReply || !cannedId || (needsClaim && !claimId)}
          loading={sendCanned.isPending}
          onClick={() => sendCanned.mutate()}
          data-testid="send-canned"
        >
          发送快捷回复
        </Button>
      </Space>
    </Card>
  );
}
