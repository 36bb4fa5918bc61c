import { CanAccess } from '@refinedev/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDefinition, StaffCampaign } from '@xiaoan/shared';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../../api/api-error.js';
import { campaignApi } from '../../features/campaign/campaign-api.js';
import {
  BENEFICIARY_LABELS,
  fieldLabelOf,
  formatYuan,
  REWARD_KIND_LABELS,
  TRIGGER_LABELS,
  violationsOf,
} from '../../features/campaign/campaign-form.js';
import { QueryState } from '../../features/support/query-state.js';
import { ReasonModal } from '../../features/support/reason-modal.js';
import { formatTime } from '../../format-time.js';
import { CampaignStatusTag } from './campaign-list-page.js';

const rewardText = (rule: CampaignDefinition['rewardRules'][number]): string => {
  const { kind, amountFen, points } = rule.reward;
  const what =
    kind === 'cash'
      ? `${formatYuan(amountFen ?? 0)} 现金红包`
      : kind === 'points'
        ? `${points ?? 0} 积分`
        : (REWARD_KIND_LABELS[kind] ?? kind);
  return `${TRIGGER_LABELS[rule.trigger]} → ${BENEFICIARY_LABELS[rule.beneficiary]}获得 ${what}`;
};

/** A campaign's text as it is (or as it was published): the same view for the draft and each archived version. */
export function CampaignDefinitionView({ definition }: { definition: CampaignDefinition }) {
  return (
    <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
      <Descriptions.Item label="活动名称">{definition.name}</Descriptions.Item>
      <Descriptions.Item label="活动时间">{`${formatTime(definition.startsAt).slice(0, 16)} 至 ${formatTime(definition.endsAt).slice(0, 16)}`}</Descriptions.Item>
      <Descriptions.Item label="预算">{formatYuan(definition.budgetFen)}</Descriptions.Item>
      <Descriptions.Item label="活动规则">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {definition.rulesText || '（未填写）'}
        </Typography.Paragraph>
      </Descriptions.Item>
      <Descriptions.Item label="分享卡片">
        {definition.shareCard.title || '（未填写标题）'}
        {definition.shareCard.imageUrl ? (
          <Typography.Text type="secondary"> · {definition.shareCard.imageUrl}</Typography.Text>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label="奖励规则">
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {definition.rewardRules.map((rule, i) => (
            <li key={i}>{rewardText(rule)}</li>
          ))}
        </ul>
      </Descriptions.Item>
      <Descriptions.Item label="观察期">{definition.pendingDays} 天</Descriptions.Item>
    </Descriptions>
  );
}

type Move = 'pause' | 'resume' | 'end';
const MOVES: Record<Move, { label: string; confirm: string; from: StaffCampaign['status'][] }> = {
  pause: { label: '暂停', confirm: '暂停后不再发放新奖励，已发放的不受影响。', from: ['published'] },
  resume: { label: '恢复', confirm: '恢复前会按已存档的版本再做一次合规检查。', from: ['paused'] },
  end: { label: '结束', confirm: '结束后不能再恢复。已发放的奖励仍可领取。', from: ['published', 'paused'] },
};

/** One campaign: its status and text, what the member may do next, and every archived published version. */
export function CampaignShowPage() {
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const campaign = useQuery({ queryKey: ['campaigns', id], queryFn: () => campaignApi.get(id), retry: false });
  const versions = useQuery({
    queryKey: ['campaigns', id, 'versions'],
    queryFn: () => campaignApi.versions(id),
    retry: false,
  });
  const [reviewing, setReviewing] = useState<'approve' | 'reject' | null>(null);
  const [refusal, setRefusal] = useState<string[] | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  const failed = (error: unknown) => {
    const violations = error instanceof ApiError ? violationsOf(error.details) : [];
    if (violations.length > 0) setRefusal(violations.map((v) => `${fieldLabelOf(v.field)}：${v.message}`));
    else message.error(describeError(error));
  };

  const submit = async () => {
    setRefusal(null);
    try {
      await campaignApi.submit(id);
      message.success('已提交审核');
    } catch (error) {
      failed(error);
    }
    await refresh();
  };
  const move = (which: Move) =>
    modal.confirm({
      title: `确认${MOVES[which].label}活动？`,
      content: MOVES[which].confirm,
      okText: MOVES[which].label,
      cancelText: '取消',
      okButtonProps: { danger: which === 'end', 'data-testid': 'confirm-move' } as never,
      onOk: async () => {
        setRefusal(null);
        try {
          await campaignApi.changeStatus(id, which);
          message.success(`已${MOVES[which].label}`);
        } catch (error) {
          failed(error);
        }
        await refresh();
      },
    });
  const review = async (reason: string) => {
    if (!reviewing) return;
    setRefusal(null);
    try {
      await campaignApi.review(id, { decision: reviewing, reason });
      message.success(reviewing === 'approve' ? '已批准发布' : '已驳回，退回草稿');
      setReviewing(null);
    } catch (error) {
      setReviewing(null);
      failed(error);
    }
    await refresh();
  };

  const c = campaign.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <QueryState isLoading={campaign.isLoading} error={campaign.error} onRetry={() => void campaign.refetch()}>
        {c ? (
          <Card
            title={
              <Space>
                {c.definition.name}
                <span data-testid="campaign-status">
                  <CampaignStatusTag status={c.status} />
                </span>
              </Space>
            }
            extra={
              <Space wrap>
                {c.publishedVersion !== null ? (
                  // Once published it has cards out there: its own funnel, costs and sharers.
                  <CanAccess resource="campaign-analytics" action="list">
                    <Button
                      onClick={() => void navigate(`/campaign-analytics?id=${c.id}`)}
                      data-testid="campaign-analytics-link"
                    >
                      活动数据
                    </Button>
                  </CanAccess>
                ) : null}
                {c.status === 'draft' ? (
                  <CanAccess resource="campaigns" action="edit">
                    <Button onClick={() => void navigate(`/campaigns/${c.id}/edit`)} data-testid="edit-campaign">
                      修改
                    </Button>
                    <Button type="primary" onClick={() => void submit()} data-testid="submit-campaign">
                      提交审核
                    </Button>
                  </CanAccess>
                ) : null}
                {c.status === 'in_review' ? (
                  <CanAccess resource="campaigns" action="publish">
                    <Button type="primary" onClick={() => setReviewing('approve')} data-testid="approve-campaign">
                      批准发布
                    </Button>
                    <Button danger onClick={() => setReviewing('reject')} data-testid="reject-campaign">
                      驳回
                    </Button>
                  </CanAccess>
                ) : null}
                <CanAccess resource="campaigns" action="publish">
                  {(Object.keys(MOVES) as Move[])
                    .filter((m) => MOVES[m].from.includes(c.status))
                    .map((m) => (
                      <Button key={m} danger={m === 'end'} onClick={() => move(m)} data-testid={`${m}-campaign`}>
                        {MOVES[m].label}
                      </Button>
                    ))}
                </CanAccess>
              </Space>
            }
          >
            {c.status === 'in_review' ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                message="等待管理员审核；批准时会再做一次合规检查，通过后发布并永久存档。"
              />
            ) : null}
            {c.rejectionReason ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                message={`上次被驳回：${c.rejectionReason}`}
              />
            ) : null}
            {refusal ? (
              <Alert
                type="error"
                showIcon
                data-testid="compliance-refusal"
                style={{ marginBottom: 16 }}
                message="合规检查未通过"
                description={
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {refusal.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            <Descriptions size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label="已发放">
                {formatYuan(c.spentFen)} / {formatYuan(c.definition.budgetFen)}
              </Descriptions.Item>
              <Descriptions.Item label="当前版本">第 {c.version} 版</Descriptions.Item>
              <Descriptions.Item label="最近修改">{formatTime(c.updatedAt)}</Descriptions.Item>
            </Descriptions>
            <CampaignDefinitionView definition={c.definition} />
          </Card>
        ) : null}
      </QueryState>
      <Card title="已发布版本存档（不可修改）" size="small" data-testid="campaign-versions">
        <QueryState
          isLoading={versions.isLoading}
          error={versions.error}
          isEmpty={versions.data?.items.length === 0}
          emptyText="尚未发布，暂无存档版本"
          onRetry={() => void versions.refetch()}
        >
          {versions.data && versions.data.items.length > 0 ? (
            <Collapse
              items={versions.data.items.map((v) => ({
                key: String(v.version),
                label: `第 ${v.version} 版 · ${formatTime(v.publishedAt)} 发布 · 提交人 ${v.submittedBy} · 批准人 ${v.approvedBy}`,
                children: <CampaignDefinitionView definition={v.definition} />,
              }))}
            />
          ) : (
            <Empty />
          )}
        </QueryState>
      </Card>
      <ReasonModal
        open={reviewing !== null}
        title={reviewing === 'approve' ? '批准发布' : '驳回活动'}
        okText={reviewing === 'approve' ? '批准发布' : '驳回'}
        danger={reviewing === 'reject'}
        description={
          reviewing === 'approve'
            ? '批准后活动立即按当前内容发布，并永久存档该版本。'
            : '驳回后活动退回草稿，市场同事可修改后再提交。'
        }
        onCancel={() => setReviewing(null)}
        onSubmit={review}
      />
    </Space>
  );
}
