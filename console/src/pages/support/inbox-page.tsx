import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, List, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error.js';
import { formatTime } from '../../format-time.js';
import { ContextPanel } from './context-panel.js';
import { ConversationPane } from './conversation-pane.js';
import { CONVERSATION_STATUS_LABELS, formatCountdown, supportApi } from './support-api.js';

type View = 'unassigned' | 'mine' | 'all';

/** The shared inbox: conversations (longest-waiting first), one conversation, and the customer's context. */
export function InboxPage() {
  const [view, setView] = useState<View>('unassigned');
  const [selected, setSelected] = useState<string>();
  const inbox = useQuery({
    queryKey: ['support-inbox', view],
    queryFn: () => supportApi.inbox(view),
    refetchInterval: 5000,
  });

  return (
    <Row gutter={12}>
      <Col span={6}>
        <Card
          size="small"
          title="客服收件箱"
          extra={
            <Segmented<View>
              size="small"
              value={view}
              onChange={setView}
              options={[
                { value: 'unassigned', label: '未分配' },
                { value: 'mine', label: '我的' },
                { value: 'all', label: '全部' },
              ]}
              data-testid="inbox-view"
            />
          }
        >
          {inbox.isLoading ? <Spin /> : null}
          {inbox.error ? <Alert type="error" message={describeError(inbox.error)} /> : null}
          {inbox.data ? (
            <List
              size="small"
              dataSource={inbox.data.items}
              locale={{ emptyText: <Empty description="没有需要处理的会话" /> }}
              renderItem={(item) => (
                <List.Item
                  onClick={() => setSelected(item.id)}
                  className={
                    item.id === selected ? 'support-inbox-item support-inbox-item--active' : 'support-inbox-item'
                  }
                  data-testid="inbox-item"
                >
                  <Space direction="vertical" size={0} style={{ width: '100%' }}>
                    <Space>
                      <Badge status={item.waitingSince ? 'processing' : 'default'} />
                      <Typography.Text strong>{item.openidMasked}</Typography.Text>
                      <Tag>{CONVERSATION_STATUS_LABELS[item.status]}</Tag>
                      {item.hasOpenComplaint ? <Tag color="red">投诉</Tag> : null}
                    </Space>
                    <Typography.Text ellipsis>{item.preview}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.waitingSince ? `等待自 ${formatTime(item.waitingSince)} · ` : ''}
                      {item.channel === 'h5'
                        ? 'H5 聊天页'
                        : item.replyWindow.open
                          ? `窗口 ${formatCountdown(item.replyWindow.secondsLeft)} · 余 ${item.replyWindow.remaining} 条`
                          : '窗口已关闭'}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          ) : null}
        </Card>
      </Col>
      <Col span={11}>
        {selected ? (
          <ConversationPane key={selected} conversationId={selected} />
        ) : (
          <Card>
            <Empty description="请选择左侧的会话" />
          </Card>
        )}
      </Col>
      <Col span={7}>{selected ? <ContextPanel key={selected} conversationId={selected} /> : null}</Col>
    </Row>
  );
}
