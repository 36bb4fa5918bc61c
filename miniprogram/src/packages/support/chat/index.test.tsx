import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CustomerConversation, SupportMessage } from '@xiaoan/shared';
import { fail, ok, sessionRoutes, stubApi } from '../../../../test/support/fake-api';
import { setRouterParams } from '../../../../test/shims/taro';
import SupportChatPage, { CHAT_POLLING } from './index';

const message = (overrides: Partial<SupportMessage>): SupportMessage => ({
  id: `m-${Math.random()}`,
  direction: 'in',
  kind: 'text',
  text: '你好',
  mediaId: null,
  card: null,
  author: null,
  sendState: null,
  errorCode: null,
  createdAt: '2026-12-01T10:00:00+08:00',
  ...overrides,
});
const conversation = (overrides: Partial<CustomerConversation> = {}): CustomerConversation => ({
  conversationId: '00000000-0000-4000-8000-0000000000c1',
  status: 'open',
  messages: [],
  canRate: false,
  rating: null,
  ...overrides,
});
const NONE: CustomerConversation = { conversationId: null, status: null, messages: [], canRate: false, rating: null };

const saved = { ...CHAT_POLLING };
beforeEach(() => {
  CHAT_POLLING.intervalMs = 20;
});
afterEach(() => {
  Object.assign(CHAT_POLLING, saved);
});

describe('在线客服 (H5 chat page)', () => {
  it('invites a first question when there is no conversation yet', async () => {
    stubApi({ ...sessionRoutes(), 'GET /api/v1/support/conversation': () => ok(NONE) });
    render(<SupportChatPage />);
    expect(await screen.findByText('有问题，随时问我们')).toBeInTheDocument();
  });

  it('sends the question with the claim number it was opened from, and shows the agent reply once the inbox has it', async () => {
    setRouterParams({ from: 'C2026120100000017' });
    let current = NONE;
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/support/conversation': () => ok(current),
      'POST /api/v1/support/messages': () => ({ status: 202, body: { messageKey: 'h5:1' } }),
    });
    const { container } = render(<SupportChatPage />);
    expect(await screen.findByTestId('chat-topic')).toHaveTextContent('咨询 理赔 C2026120100000017');

    fireEvent.change(container.querySelector('input')!, { target: { value: '为什么还没到账' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    expect(await screen.findByTestId('chat-pending')).toHaveTextContent('为什么还没到账');
    await waitFor(() => expect(api.callsTo('POST /api/v1/support/messages')).toHaveLength(1));
    expect(api.callsTo('POST /api/v1/support/messages')[0]!.body).toEqual({
      text: '为什么还没到账',
      sessionFrom: 'C2026120100000017',
    });

    current = conversation({
      messages: [
        message({ text: '为什么还没到账' }),
        message({
          direction: 'out',
          text: '您好，赔款 ¥200.00 已转入微信零钱。',
          author: '开发客服',
          sendState: 'sent',
        }),
      ],
    });
    expect(await screen.findByTestId('chat-reply')).toHaveTextContent('您好，赔款 ¥200.00 已转入微信零钱。');
    await waitFor(() => expect(screen.queryByTestId('chat-pending')).toBeNull());
    expect(screen.getAllByTestId('chat-mine')).toHaveLength(1);
  });

  it('marks a message that could not be sent', async () => {
    setRouterParams({});
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/support/conversation': () => ok(NONE),
      'POST /api/v1/support/messages': () => fail(429, 'RATE_LIMITED', '操作太频繁，请稍后再试'),
    });
    const { container } = render(<SupportChatPage />);
    await screen.findByText('有问题，随时问我们');
    fireEvent.change(container.querySelector('input')!, { target: { value: '在吗' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    await waitFor(() => expect(screen.getByTestId('chat-pending')).toHaveTextContent('发送失败'));
  });

  it('offers the one-tap rating once the conversation is resolved, and thanks after it', async () => {
    let current = conversation({
      status: 'resolved',
      canRate: true,
      messages: [
        message({}),
        message({ direction: 'out', text: '已为您处理 <a href="x">点此</a>', author: '开发客服', sendState: 'sent' }),
      ],
    });
    const api = stubApi({
      ...sessionRoutes(),
      'GET /api/v1/support/conversation': () => ok(current),
      'POST /api/v1/support/rating': () => {
        current = { ...current, canRate: false, rating: 5 };
        return { status: 204, body: undefined };
      },
    });
    const { container } = render(<SupportChatPage />);
    expect(await screen.findByTestId('chat-rating')).toHaveTextContent('本次服务已结束，您满意吗？');
    expect(screen.getByTestId('chat-reply')).toHaveTextContent('已为您处理 点此');
    fireEvent.click(container.querySelector('[data-score="5"]')!);
    expect(await screen.findByTestId('chat-rated')).toHaveTextContent('感谢您的评价：★★★★★');
    expect(api.callsTo('POST /api/v1/support/rating')[0]!.body).toEqual({ score: 5 });
    expect(screen.queryByTestId('chat-rating')).toBeNull();
  });

  it('keeps the stars just given when a poll answers with the conversation still unrated', async () => {
    const unrated = conversation({ status: 'resolved', canRate: true, messages: [message({})] });
    stubApi({
      ...sessionRoutes(),
      // Every read answers as before the rating: the one a poll sent before the tap.
      'GET /api/v1/support/conversation': () => ok(unrated),
      'POST /api/v1/support/rating': () => ({ status: 204, body: undefined }),
    });
    const { container } = render(<SupportChatPage />);
    await screen.findByTestId('chat-rating');
    fireEvent.click(container.querySelector('[data-score="4"]')!);
    expect(await screen.findByTestId('chat-rated')).toHaveTextContent('感谢您的评价：★★★★');
    // Five polls answer unrated meanwhile (their updates wrapped in act, as React asks).
    await act(() => new Promise((resolve) => setTimeout(resolve, 5 * CHAT_POLLING.intervalMs)));
    expect(screen.getByTestId('chat-rated')).toHaveTextContent('感谢您的评价：★★★★');
    expect(screen.queryByTestId('chat-rating')).toBeNull();
  });

  it('says so when the conversation cannot be loaded', async () => {
    stubApi({
      ...sessionRoutes(),
      'GET /api/v1/support/conversation': () => fail(503, 'SERVICE_UNAVAILABLE', '服务繁忙，请稍后再试'),
    });
    render(<SupportChatPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('服务繁忙，请稍后再试');
  });
});
