import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { campaignApi, type HeldReward } from '../../features/campaign/campaign-api.js';
import { formatYuan } from '../../features/campaign/campaign-form.js';
import { QueryState } from '../../features/support/query-state.js';
import { ReasonModal } from '../../features/support/reason-modal.js';
import { formatTime } from '../../format-time.js';

const riskText = (rank: number | null) =>
  rank === null ? (
    <Tag>未能评估</Tag>
  ) : (
    <Tag color={rank >= 4 ? 'red' : rank >= 3 ? 'orange' : 'default'}>风险等级 {rank}</Tag>
  );

/** Admin: rewards WeChat rated high-risk (or could not rate) wait here instead of being paid. */
export function CampaignRewardsPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const rewards = useQuery({ queryKey: ['campaign-rewards'], queryFn: () => campaignApi.heldRewards(), retry: false });
  const [deciding, setDeciding] = useState<{ reward: HeldReward; decision: 'approve' | 'reject' } | null>(null);
  const decide = async (reason: string) => {
    if (!deciding) return;
    await campaignApi.reviewReward(deciding.reward.id, { decision: deciding.decision, reason });
    message.success(deciding.decision === 'approve' ? '已批准，观察期满后可领取' : '已拒绝，预算已退回');
    setDeciding(null);
    await queryClient.invalidateQueries({ queryKey: ['campaign-rewards'] });
  };
  return (
    <Card title="活动奖励风控审核" extra={<Button onClick={() => void rewards.refetch()}>刷新</Button>}>
      <Typography.Paragraph type="secondary">
        微信营销风险评估为高风险（或评估失败）的奖励暂不发放，在此人工批准或拒绝。
      </Typography.Paragraph>
      <QueryState
        isLoading={rewards.isLoading}
        error={rewards.error}
        isEmpty={rewards.data?.items.length === 0}
        emptyText="没有待审核的奖励"
        onRetry={() => void rewards.refetch()}
      >
        <Table<HeldReward>
          rowKey="id"
          data-testid="held-rewards"
          dataSource={rewards.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: '奖励',
              key: 'what',
              render: (_, r) => (r.kind === 'cash' ? `${formatYuan(r.amountFen)} 现金红包` : `${r.points} 积分`),
            },
            { title: '风险', dataIndex: 'riskRank', render: riskText },
            {
              title: '获奖客户',
              dataIndex: 'beneficiaryId',
              render: (v: string) => <Typography.Text code>{v.slice(0, 8)}</Typography.Text>,
            },
            {
              title: '受邀好友',
              dataIndex: 'inviteeId',
              render: (v: string) => <Typography.Text code>{v.slice(0, 8)}</Typography.Text>,
            },
            { title: '产生时间', dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '操作',
              key: 'act',
              render: (_, reward) => (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid="approve-reward"
                    onClick={() => setDeciding({ reward, decision: 'approve' })}
                  >
                    批准
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid="reject-reward"
                    onClick={() => setDeciding({ reward, decision: 'reject' })}
                  >
                    拒绝
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <ReasonModal
        open={deciding !== null}
        title={deciding?.decision === 'approve' ? '批准奖励' : '拒绝奖励'}
        okText={deciding?.decision === 'approve' ? '批准' : '拒绝'}
        danger={deciding?.decision === 'reject'}
        description={
          deciding?.decision === 'approve'
            ? '批准后奖励进入观察期，期满后客户可领取。'
            : '拒绝后奖励作废，金额退回活动预算。'
        }
        onCancel={() => setDeciding(null)}
        onSubmit={decide}
      />
    </Card>
  );
}
