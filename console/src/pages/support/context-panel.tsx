import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, List, Spin, Tag, Timeline, Typography } from 'antd';
import { describeError } from '../../api/api-error.js';
import { formatTime } from '../../format-time.js';
import { CLAIM_STATUS_LABELS, fen, supportApi } from './support-api.js';

export interface ContextPanelProps {
  conversationId: string;
}

/** What the customer holds with us: policies, claims with their evidence timeline, red packets, orders (each read is audited). */
export function ContextPanel({ conversationId }: ContextPanelProps) {
  const context = useQuery({
    queryKey: ['support-context', conversationId],
    queryFn: () => supportApi.context(conversationId),
  });
  if (context.isLoading)
    return (
      <Card title="客户资料">
        <Spin />
      </Card>
    );
  if (context.error)
    return (
      <Card title="客户资料">
        <Alert type="error" message={describeError(context.error)} />
      </Card>
    );
  const data = context.data!;
  if (!data.customerId)
    return (
      <Card title="客户资料">
        <Empty description="该用户尚未登录过小程序，没有保单记录" />
      </Card>
    );
  return (
    <Card title="客户资料" size="small" data-testid="context-panel">
      <Typography.Title level={5}>理赔</Typography.Title>
      {data.claims.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无理赔" />
      ) : (
        data.claims.map((claim) => (
          <Card key={claim.id} size="small" style={{ marginBottom: 8 }} data-testid="context-claim">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="理赔号">{claim.claimNo}</Descriptions.Item>
              <Descriptions.Item label="状态">
                <Tag>{CLAIM_STATUS_LABELS[claim.status] ?? claim.status}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="金额">{fen(claim.amountFen)}</Descriptions.Item>
              <Descriptions.Item label="依据">{claim.headline}</Descriptions.Item>
            </Descriptions>
            <Timeline
              items={claim.timeline.map((entry) => ({
                children: (
                  <span>
                    <b>{entry.title}</b> {entry.detail ?? ''}{' '}
                    <Typography.Text type="secondary">{formatTime(entry.at)}</Typography.Text>
                  </span>
                ),
              }))}
            />
          </Card>
        ))
      )}
      <Typography.Title level={5}>保单</Typography.Title>
      <List
        size="small"
        dataSource={data.policies}
        locale={{ emptyText: '暂无保单' }}
        renderItem={(policy) => (
          <List.Item>
            {policy.policyNo} · {policy.productName} · {policy.status} · 保费 {fen(policy.premiumFen)}
          </List.Item>
        )}
      />
      <Typography.Title level={5}>红包（转账单）</Typography.Title>
      <List
        size="small"
        dataSource={data.payoutBills}
        locale={{ emptyText: '暂无红包' }}
        renderItem={(bill) => (
          <List.Item>
            {bill.claimNo} · {bill.state} · {fen(bill.amountFen)} · {formatTime(bill.createdAt)}
          </List.Item>
        )}
      />
      <Typography.Title level={5}>订单</Typography.Title>
      <List
        size="small"
        dataSource={data.orders}
        locale={{ emptyText: '暂无订单' }}
        renderItem={(order) => (
          <List.Item>
            {order.orderNo} · {order.status} · {fen(order.amountFen)}
          </List.Item>
        )}
      />
    </Card>
  );
}
