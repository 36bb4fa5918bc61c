import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CustomerConversation, SupportMessage } from '@xiaoan/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { ListError } from '../../../components/list-states/list-states';
import { Loading } from '../../../components/loading/loading';
import { fetchConversation, rateConversation, sendSupportMessage } from '../../../features/support/api/support.api';
import { FAQ_PAGE } from '../../../routes';
import { ApiError, isApiError } from '../../../services/api-error';
import { formatShanghaiDateTime } from '../../../utils/shanghai-date';
import './index.scss';

/** How often the page asks for new replies while it is open (tests shorten it). */
export const CHAT_POLLING = { intervalMs: 3_000 };

type ChatState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; conversation: CustomerConversation };

/** A message the user sent that the inbox has not shown back yet. */
interface Pending {
  key: string;
  text: string;
  state: 'sending' | 'sent' | 'failed';
  /** The conversation holds it once it holds this many of the user's messages. */
  expected: number;
}

const SCORES: { score: number; label: string }[] = [
  { score: 1, label: '很不满意' },
  { score: 2, label: '不满意' },
  { score: 3, label: '一般' },
  { score: 4, label: '满意' },
  { score: 5, label: '非常满意' },
];

/** Agents' messages may carry WeChat's mini-program link markup; the page shows its words. */
const plainText = (text: string | null): string => (text ?? '').replace(/<[^>]+>/g, '');

const userMessages = (conversation: CustomerConversation | null): number =>
  conversation ? conversation.messages.filter((message) => message.direction === 'in').length : 0;

function Bubble({ message }: { message: SupportMessage }) {
  const mine = message.direction === 'in';
  const body =
    message.kind === 'text'
      ? plainText(message.text)
      : message.kind === 'image'
        ? '[图片]'
        : message.card
          ? `[小程序] ${message.card.title}`
          : '';
  return (
    <View
      className={`chat-bubble chat-bubble--${mine ? 'mine' : 'theirs'}`}
      data-testid={mine ? 'chat-mine' : 'chat-reply'}
    >
      <Text className="chat-bubble__meta">
        {mine ? '我' : (message.author ?? '客服')} · {formatShanghaiDateTime(message.createdAt)}
      </Text>
      <Text className="chat-bubble__text">{body}</Text>
    </View>
  );
}

function Rating({ onRate }: { onRate: (score: number) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const rate = (score: number) => {
    setBusy(true);
    setError('');
    onRate(score)
      .catch((caught: unknown) => setError(isApiError(caught) ? caught.message : '评价未提交，请重试'))
      .finally(() => setBusy(false));
  };
  return (
    <View className="chat-rating" data-testid="chat-rating">
      <Text className="chat-rating__title">本次服务已结束，您满意吗？</Text>
      <View className="chat-rating__scores">
        {SCORES.map((item) => (
          <View
            key={item.score}
            className={`chat-rating__score${busy ? ' chat-rating__score--busy' : ''}`}
            data-score={item.score}
            onClick={() => !busy && rate(item.score)}
          >
            <Text className="chat-rating__stars">{'★'.repeat(item.score)}</Text>
            <Text className="chat-rating__label">{item.label}</Text>
          </View>
        ))}
      </View>
      {error ? <Text className="chat-rating__error">{error}</Text> : null}
    </View>
  );
}

/**
 * 在线客服 (H5; in WeChat users chat in WeChat's own customer-service window). The user's messages
 * go into the same inbox as WeChat's pushes; agents' replies are read here every few seconds.
 * Opened from a policy or claim, the page carries its number (`from`) with the messages, so the
 * agent — and the automatic claim answer — knows what it is about. A resolved conversation offers
 * the one-tap rating.
 */
export default function SupportChatPage() {
  const { params } = useRouter();
  const from = params.from ? decodeURIComponent(params.from) : '';
  const [state, setState] = useState<ChatState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  // The score the user just gave: shown at once, and kept when a poll that left before the rating
  // answers with the conversation still unrated.
  const [rated, setRated] = useState<number | null>(null);
  const conversationRef = useRef<CustomerConversation | null>(null);

  const refresh = useCallback(async () => {
    const conversation = await fetchConversation();
    conversationRef.current = conversation;
    setState({ status: 'ready', conversation });
    // A sent message stays shown as sending until the inbox has it.
    const seen = userMessages(conversation);
    setPending((list) => list.filter((item) => item.state === 'failed' || seen < item.expected));
  }, []);

  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    refresh().catch(
      (error: unknown) =>
        current &&
        setState({ status: 'error', error: isApiError(error) ? error : ApiError.client('INVALID_RESPONSE') }),
    );
    const timer = setInterval(() => void refresh().catch(() => undefined), CHAT_POLLING.intervalMs);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [refresh, attempt]);

  const send = () => {
    const text = draft.trim();
    if (!text) return;
    const key = `${Date.now()}-${Math.random()}`;
    setPending((list) => [
      ...list,
      {
        key,
        text,
        state: 'sending',
        expected: userMessages(conversationRef.current) + list.filter((item) => item.state !== 'failed').length + 1,
      },
    ]);
    setDraft('');
    sendSupportMessage(text, from || undefined)
      .then(() => setPending((list) => list.map((item) => (item.key === key ? { ...item, state: 'sent' } : item))))
      .catch((error: unknown) => {
        setPending((list) => list.map((item) => (item.key === key ? { ...item, state: 'failed' } : item)));
        void Taro.showToast({ title: isApiError(error) ? error.message : '发送失败，请重试', icon: 'none' });
      });
  };

  const rate = async (score: number) => {
    await rateConversation(score);
    setRated(score);
    await refresh();
  };

  if (state.status === 'loading')
    return (
      <View className="page chat-page">
        <Loading text="正在连接客服…" />
      </View>
    );
  if (state.status === 'error') {
    return (
      <View className="page chat-page">
        <ListError error={state.error} wechatTitle="请在微信中联系客服" onRetry={() => setAttempt((n) => n + 1)} />
      </View>
    );
  }

  const { conversation } = state;
  const shownRating = rated ?? (conversation.status === 'resolved' ? conversation.rating : null);
  const shown = conversation.messages.filter((message) => message.direction !== 'note');
  return (
    <View className="page chat-page">
      <View className="chat-notice">
        <Text>客服会尽快回复，请留在本页或稍后回来查看。理赔为自动判定，常见问题可先看</Text>
        <Text className="chat-notice__link" onClick={() => void Taro.navigateTo({ url: FAQ_PAGE })}>
          理赔说明
        </Text>
      </View>
      {from ? (
        <View className="chat-topic" data-testid="chat-topic">
          咨询 {from.startsWith('C') ? '理赔' : '保单'} {from}
        </View>
      ) : null}

      <View className="chat-thread" data-testid="chat-thread">
        {shown.length === 0 && pending.length === 0 ? (
          <EmptyState
            icon="💬"
            title="有问题，随时问我们"
            description="请描述您的问题，如航班号、保单号或理赔号，客服会尽快回复。"
          />
        ) : null}
        {shown.map((message) => (
          <Bubble key={message.id} message={message} />
        ))}
        {pending.map((item) => (
          <View
            key={item.key}
            className="chat-bubble chat-bubble--mine chat-bubble--pending"
            data-testid="chat-pending"
          >
            <Text className="chat-bubble__meta">{item.state === 'failed' ? '发送失败' : '发送中…'}</Text>
            <Text className="chat-bubble__text">{item.text}</Text>
          </View>
        ))}
      </View>

      {conversation.canRate && rated === null ? <Rating onRate={rate} /> : null}
      {shownRating ? (
        <Text className="chat-rated" data-testid="chat-rated">
          感谢您的评价：{'★'.repeat(shownRating)}
        </Text>
      ) : null}

      <View className="chat-compose">
        <Input
          className="chat-compose__input"
          value={draft}
          maxlength={500}
          placeholder="请输入您的问题"
          confirmType="send"
          onInput={(event) => setDraft(event.detail.value)}
          onConfirm={send}
          data-testid="chat-input"
        />
        <Button
          className="button button--primary chat-compose__send"
          disabled={!draft.trim()}
          onClick={send}
          data-testid="chat-send"
        >
          发送
        </Button>
      </View>
    </View>
  );
}
