import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCan } from '@refinedev/core';
import {
  formatCny,
  type RevealedIdentity,
  type SupportClaim,
  type SupportOrder,
  type SupportPolicy,
} from '@xiaoan/shared';
import { App, Button, Card, Descriptions, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  CLAIM_STATUS_LABELS,
  ORDER_STATUS_LABELS,
  POLICY_STATUS_LABELS,
  REFUND_STATUS_LABELS,
  TRAIL_TYPE_LABELS,
  beijingTime,
  billStateLabel,
  salesPageName,
  seconds,
} from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { ReasonModal } from '../../features/support/reason-modal.js';
import { openPolicyDocument, supportApi } from '../../features/support/support-api.js';

/** Short values (names, dates, amounts) on one line, so a wide row never squeezes them into a column of characters. */
const nowrap = (value: ReactNode) => <span style={{ whiteSpace: 'nowrap' }}>{value}</span>;

type PendingAction =
  | { kind: 'reveal'; order: SupportOrder }
  | { kind: 'cancel'; policy: SupportPolicy }
  | { kind: 'reoffer'; claim: SupportClaim };

/** 客户详情: the customer's whole story, masked by default; 显示完整信息, 退保 and 重新发放 state a reason and are audited. */
export function Customer360Page() {
  const { customerId = '' } = useParams();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const story = useQuery({
    queryKey: ['support', 'customer', customerId],
    queryFn: () => supportApi.customer(customerId),
    retry: false,
  });
  const [revealed, setRevealed] = useState<Record<string, RevealedIdentity>>({});
  const [pending, setPending] = useState<PendingAction | null>(null);
  const mayReveal = useCan({
    resource: 'customers',
    action: 'reveal',
    params: { resource: { name: 'customers', meta: { subject: 'Customer' } } } as never,
  });
  const mayCancel = useCan({
    resource: 'customers',
    action: 'cancel',
    params: { resource: { name: 'customers', meta: { subject: 'Policy' } } } as never,
  });
  const mayReoffer = useCan({
    resource: 'customers',
    action: 'reoffer',
    params: { resource: { name: 'customers', meta: { subject: 'Payout' } } } as never,
  });
  const reload = () => queryClient.invalidateQueries({ queryKey: ['support', 'customer', customerId] });

  const act = async (reason: string) => {
    if (!pending) return;
    if (pending.kind === 'reveal') {
      const identity = await supportApi.reveal(customerId, pending.order.orderNo, reason);
      setRevealed((current) => ({ ...current, [identity.orderNo]: identity }));
      message.success('已显示完整信息，本次查看已记入审计日志');
    } else if (pending.kind === 'cancel') {
      const answer = await supportApi.cancelPolicy(pending.policy.policyNo, reason);
      message.success(answer.cancelled ? `已退保，${formatCny(answer.amountFen)} 将原路退回` : '该保单此前已退保');
      await reload();
    } else {
      const answer = await supportApi.reofferPayout(pending.claim.id, pending.claim.currentAttempt, reason);
      message.success(answer.reoffered ? '已重新发放，客户可再次领取红包' : '此前已重新发放过');
      await reload();
    }
    setPending(null);
  };

  const data = story.data;
  return (
    <QueryState isLoading={story.isLoading} error={story.error} onRetry={() => void story.refetch()}>
      {data ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card
            title="客户详情"
            extra={
              <Typography.Text type="secondary">个人信息默认脱敏，查看完整信息需说明原因并记入审计日志</Typography.Text>
            }
          >
            <Descriptions column={4} size="small">
              <Descriptions.Item label="客户编号">{data.customer.id.slice(0, 8)}</Descriptions.Item>
              <Descriptions.Item label="微信标识">{data.customer.openidMasked}</Descriptions.Item>
              <Descriptions.Item label="注册时间">{beijingTime(data.customer.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="最近登录">{beijingTime(data.customer.lastLoginAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card>
            <Tabs
              defaultActiveKey="orders"
              items={[
                {
                  key: 'orders',
                  label: `订单（${data.orders.length}）`,
                  children: (
                    <Table<SupportOrder>
                      rowKey="orderNo"
                      dataSource={data.orders}
                      pagination={false}
                      data-testid="orders-table"
                      scroll={{ x: 'max-content' }}
                      expandable={{
                        expandedRowRender: (order) => <SalesTrail order={order} />,
                        rowExpandable: (order) => order.salesTrail.length > 0,
                      }}
                      columns={[
                        { title: '订单号', dataIndex: 'orderNo' },
                        { title: '产品', dataIndex: 'productName', render: nowrap },
                        { title: '保障对象', dataIndex: 'subject', render: nowrap },
                        { title: '保费', dataIndex: 'amountFen', render: (fen: number) => nowrap(formatCny(fen)) },
                        {
                          title: '状态',
                          dataIndex: 'status',
                          render: (status: SupportOrder['status']) => (
                            <Tag color={ORDER_STATUS_LABELS[status].color}>{ORDER_STATUS_LABELS[status].text}</Tag>
                          ),
                        },
                        {
                          title: '被保险人',
                          key: 'insured',
                          render: (_, order) => {
                            const full = revealed[order.orderNo];
                            return full ? (
                              <Space direction="vertical" size={0} data-testid="revealed-identity">
                                <span>{full.insuredName}</span>
                                <span>{full.insuredIdNumber}</span>
                                <span>{full.insuredPhone}</span>
                              </Space>
                            ) : (
                              <Space direction="vertical" size={0}>
                                <span>{order.insuredNameMasked}</span>
                                <span>{order.insuredIdMasked}</span>
                                <span>{order.insuredPhoneMasked}</span>
                              </Space>
                            );
                          },
                        },
                        {
                          title: '退款',
                          key: 'refund',
                          render: (_, order) =>
                            order.refund ? (
                              <Space direction="vertical" size={0} style={{ maxWidth: 220 }}>
                                <span>
                                  {REFUND_STATUS_LABELS[order.refund.status] ?? order.refund.status}{' '}
                                  {formatCny(order.refund.amountFen)}
                                </span>
                                <Typography.Text type="secondary">{order.refund.reason}</Typography.Text>
                              </Space>
                            ) : (
                              '—'
                            ),
                        },
                        { title: '下单时间', dataIndex: 'createdAt', render: (at: string) => nowrap(beijingTime(at)) },
                        {
                          title: '',
                          key: 'actions',
                          render: (_, order) =>
                            mayReveal.data?.can && !revealed[order.orderNo] ? (
                              <Button
                                size="small"
                                onClick={() => setPending({ kind: 'reveal', order })}
                                data-testid="reveal-button"
                              >
                                显示完整信息
                              </Button>
                            ) : null,
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'policies',
                  label: `保单（${data.policies.length}）`,
                  children: (
                    <Table<SupportPolicy>
                      rowKey="policyNo"
                      dataSource={data.policies}
                      pagination={false}
                      data-testid="policies-table"
                      scroll={{ x: 'max-content' }}
                      columns={[
                        { title: '保单号', dataIndex: 'policyNo' },
                        {
                          title: '产品',
                          key: 'product',
                          render: (_, policy) => `${policy.productName}（第${policy.productVersion}版条款）`,
                        },
                        { title: '保障对象', dataIndex: 'subject', render: nowrap },
                        { title: '保费', dataIndex: 'premiumFen', render: (fen: number) => nowrap(formatCny(fen)) },
                        { title: '保额', dataIndex: 'payoutFen', render: (fen: number) => nowrap(formatCny(fen)) },
                        {
                          title: '保障期间',
                          key: 'cover',
                          render: (_, policy) => `${beijingTime(policy.coverStart)} 至 ${beijingTime(policy.coverEnd)}`,
                        },
                        {
                          title: '状态',
                          dataIndex: 'status',
                          render: (status: SupportPolicy['status']) => (
                            <Tag color={POLICY_STATUS_LABELS[status].color}>{POLICY_STATUS_LABELS[status].text}</Tag>
                          ),
                        },
                        {
                          title: '',
                          key: 'actions',
                          render: (_, policy) => (
                            <Space wrap>
                              <Link to={`/policies/${policy.policyNo}/replay`} data-testid="replay-link">
                                回放销售过程
                              </Link>
                              <Button
                                size="small"
                                onClick={() =>
                                  void openPolicyDocument(policy.documentPath).catch((error: Error) =>
                                    message.error(error.message),
                                  )
                                }
                              >
                                电子保单
                              </Button>
                              {policy.cancellable && mayCancel.data?.can ? (
                                <Button
                                  size="small"
                                  danger
                                  onClick={() => setPending({ kind: 'cancel', policy })}
                                  data-testid="cancel-policy-button"
                                >
                                  退保退款
                                </Button>
                              ) : null}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'claims',
                  label: `理赔（${data.claims.length}）`,
                  children: (
                    <Table<SupportClaim>
                      rowKey="id"
                      dataSource={data.claims}
                      pagination={false}
                      data-testid="claims-table"
                      scroll={{ x: 'max-content' }}
                      expandable={{ expandedRowRender: (claim) => <ClaimDetail claim={claim} /> }}
                      columns={[
                        { title: '理赔号', dataIndex: 'claimNo' },
                        { title: '保单号', dataIndex: 'policyNo' },
                        { title: '事由', dataIndex: 'headline' },
                        {
                          title: '赔付',
                          key: 'amount',
                          render: (_, claim) => `${formatCny(claim.amountFen)}（已到账 ${formatCny(claim.paidFen)}）`,
                        },
                        {
                          title: '状态',
                          dataIndex: 'status',
                          render: (status: SupportClaim['status']) => (
                            <Tag color={CLAIM_STATUS_LABELS[status].color}>{CLAIM_STATUS_LABELS[status].text}</Tag>
                          ),
                        },
                        {
                          title: '',
                          key: 'actions',
                          render: (_, claim) => (
                            <Space>
                              {claim.status === 'manual_review' ? <Link to="/claims">去审核</Link> : null}
                              {claim.reofferable && mayReoffer.data?.can ? (
                                <Button
                                  size="small"
                                  onClick={() => setPending({ kind: 'reoffer', claim })}
                                  data-testid="reoffer-button"
                                >
                                  重新发放红包
                                </Button>
                              ) : null}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'consents',
                  label: '订阅授权',
                  children: (
                    <Table
                      rowKey="templateId"
                      dataSource={data.consents}
                      pagination={false}
                      locale={{ emptyText: '客户未授权任何订阅消息' }}
                      columns={[
                        { title: '订阅消息模板', dataIndex: 'templateId' },
                        { title: '剩余可发送次数', dataIndex: 'acceptedCount' },
                        { title: '最近更新', dataIndex: 'updatedAt', render: beijingTime },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Card>
          <ReasonModal
            open={pending !== null}
            title={
              pending?.kind === 'reveal'
                ? '显示完整信息'
                : pending?.kind === 'cancel'
                  ? '退保并全额退款'
                  : '重新发放理赔红包'
            }
            okText={pending?.kind === 'reveal' ? '显示' : '确认'}
            danger={pending?.kind === 'cancel'}
            description={
              pending?.kind === 'reveal' ? (
                <>将显示订单 {pending.order.orderNo} 被保险人的完整姓名、身份证号和手机号，本次查看会记入审计日志。</>
              ) : pending?.kind === 'cancel' ? (
                <>
                  保单 {pending.policy.policyNo} 将被退保，保费 <b>{formatCny(pending.policy.premiumFen)}</b>{' '}
                  通过微信支付原路全额退回。保障开始后不能退保。
                </>
              ) : pending?.kind === 'reoffer' ? (
                <>
                  将先向微信支付确认上一笔转账（第 {pending.claim.currentAttempt} 次）已结束，再为理赔{' '}
                  {pending.claim.claimNo} 重新发放 <b>{formatCny(pending.claim.amountFen - pending.claim.paidFen)}</b>{' '}
                  的红包。
                </>
              ) : null
            }
            onCancel={() => setPending(null)}
            onSubmit={act}
          />
        </Space>
      ) : null}
    </QueryState>
  );
}

function SalesTrail({ order }: { order: SupportOrder }) {
  return (
    <Timeline
      items={order.salesTrail.map((event) => ({
        color: event.type === 'exclusions_confirmed' ? 'green' : 'blue',
        children: `${beijingTime(event.at)} · ${TRAIL_TYPE_LABELS[event.type] ?? '其他操作'} · ${salesPageName(event.page)} ${seconds(event.durationMs)}`,
      }))}
    />
  );
}

function ClaimDetail({ claim }: { claim: SupportClaim }) {
  return (
    <Space align="start" size="large" wrap>
      <div style={{ minWidth: 320 }}>
        <Typography.Title level={5}>证据时间线</Typography.Title>
        <Timeline
          items={claim.timeline.map((entry) => ({
            children: `${beijingTime(entry.at)} · ${entry.title}${entry.detail ? ` · ${entry.detail}` : ''}`,
          }))}
        />
      </div>
      <div style={{ minWidth: 420 }}>
        <Typography.Title level={5}>转账单</Typography.Title>
        <Table
          size="small"
          rowKey="outBillNo"
          dataSource={claim.bills}
          pagination={false}
          locale={{ emptyText: '尚未发放红包' }}
          columns={[
            { title: '商户单号', dataIndex: 'outBillNo' },
            { title: '金额', dataIndex: 'amountFen', render: (fen: number) => formatCny(fen) },
            { title: '状态', dataIndex: 'state', render: (state: string) => billStateLabel(state) },
            { title: '失败原因', key: 'why', render: (_, bill) => bill.failReason ?? bill.lastError ?? '—' },
            { title: '创建', dataIndex: 'createdAt', render: beijingTime },
          ]}
        />
      </div>
    </Space>
  );
}
