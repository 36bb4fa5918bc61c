import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CanAccess } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import type { StaffCampaign } from '@xiaoan/shared';
import { Button, Card, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import { campaignApi } from '../../features/campaign/campaign-api.js';
import { CAMPAIGN_STATUS_LABELS, formatYuan } from '../../features/campaign/campaign-form.js';
import { QueryState } from '../../features/support/query-state.js';
import { formatTime } from '../../format-time.js';

export function CampaignStatusTag({ status }: { status: StaffCampaign['status'] }) {
  const label = CAMPAIGN_STATUS_LABELS[status];
  return (
    <Tag color={label.color} data-status={status}>
      {label.text}
    </Tag>
  );
}

/** 分享活动: every campaign with its status; marketing writes drafts, an admin publishes. */
export function CampaignListPage() {
  const navigate = useNavigate();
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: () => campaignApi.list(), retry: false });
  return (
    <Card
      title="分享活动"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void campaigns.refetch()}>
            刷新
          </Button>
          <CanAccess resource="campaigns" action="create">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/campaigns/new')}
              data-testid="create-campaign"
            >
              新建活动
            </Button>
          </CanAccess>
        </Space>
      }
    >
      <QueryState
        isLoading={campaigns.isLoading}
        error={campaigns.error}
        isEmpty={campaigns.data?.items.length === 0}
        emptyText="还没有活动，点「新建活动」写第一个草稿"
        onRetry={() => void campaigns.refetch()}
      >
        <Table<StaffCampaign>
          rowKey="id"
          data-testid="campaign-table"
          dataSource={campaigns.data?.items ?? []}
          pagination={{ pageSize: 20, showTotal: (total) => `共 ${total} 个活动` }}
          columns={[
            {
              title: '活动名称',
              key: 'name',
              render: (_, c) => <Link to={`/campaigns/${c.id}`}>{c.definition.name}</Link>,
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (status: StaffCampaign['status']) => <CampaignStatusTag status={status} />,
            },
            {
              title: '活动时间',
              key: 'window',
              render: (_, c) =>
                `${formatTime(c.definition.startsAt).slice(0, 16)} 至 ${formatTime(c.definition.endsAt).slice(0, 16)}`,
            },
            { title: '预算', key: 'budget', render: (_, c) => formatYuan(c.definition.budgetFen) },
            { title: '已发放', dataIndex: 'spentFen', render: (fen: number) => formatYuan(fen) },
            {
              title: '已发布版本',
              dataIndex: 'publishedVersion',
              render: (v: number | null) => (v === null ? '—' : `第 ${v} 版`),
            },
            { title: '最近修改', dataIndex: 'updatedAt', render: (v: string) => formatTime(v) },
          ]}
        />
      </QueryState>
    </Card>
  );
}
