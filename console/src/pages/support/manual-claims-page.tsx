import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatCny, type StaffClaim } from '@xiaoan/shared';
import { App, Button, Card, Descriptions, List, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { claimEvidenceReview } from '../../features/support/claim-evidence-review.js';
import { beijingTime } from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { ReasonModal } from '../../features/support/reason-modal.js';
import { supportApi } from '../../features/support/support-api.js';

/** 人工审核: claims the data could not decide (a flight with no final status…), each with its evidence; approve or reject with a reason. */
export function ManualClaimsPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const queue = useQuery({
    queryKey: ['support', 'manual-claims'],
    queryFn: () => supportApi.manualClaims(),
    retry: false,
  });
  const [deciding, setDeciding] = useState<{ claim: StaffClaim; decision: 'approve' | 'reject' } | null>(null);

  const decide = async (reason: string) => {
    if (!deciding) return;
    const decided = await supportApi.decideClaim(deciding.claim.id, deciding.decision, reason);
    message.success(
      decided.status === 'approved'
        ? `已批准理赔 ${decided.claimNo}，客户将收到领取通知`
        : `已拒绝理赔 ${decided.claimNo}`,
    );
    setDeciding(null);
    await queryClient.invalidateQueries({ queryKey: ['support', 'manual-claims'] });
  };

  return (
    <Card
      title="人工审核理赔"
      extra={<Typography.Text type="secondary">数据源未给出最终结果、需要人工判断的理赔</Typography.Text>}
    >
      <QueryState
        isLoading={queue.isLoading}
        error={queue.error}
        isEmpty={queue.data?.items.length === 0}
        emptyText="没有待审核的理赔"
        onRetry={() => void queue.refetch()}
      >
        <List
          dataSource={queue.data?.items ?? []}
          data-testid="manual-claims"
          renderItem={(claim) => (
            <List.Item
              key={claim.id}
              data-testid="manual-claim"
              actions={[
                <Button
                  key="approve"
                  type="primary"
                  onClick={() => setDeciding({ claim, decision: 'approve' })}
                  data-testid="approve-claim"
                >
                  批准赔付
                </Button>,
                <Button
                  key="reject"
                  danger
                  onClick={() => setDeciding({ claim, decision: 'reject' })}
                  data-testid="reject-claim"
                >
                  拒绝
                </Button>,
              ]}
            >
              <Space align="start" size="large" wrap>
                <Descriptions column={1} size="small" style={{ minWidth: 280 }}>
                  <Descriptions.Item label="理赔号">{claim.claimNo}</Descriptions.Item>
                  <Descriptions.Item label="保单号">{claim.policyNo}</Descriptions.Item>
                  <Descriptions.Item label="被保险人">{claim.insuredNameMasked}</Descriptions.Item>
                  <Descriptions.Item label={claim.subject.label}>{claim.subject.value}</Descriptions.Item>
                  <Descriptions.Item label="赔付金额">{formatCny(claim.amountFen)}</Descriptions.Item>
                </Descriptions>
                <div style={{ minWidth: 360 }}>
                  <Typography.Text strong>证据</Typography.Text>
                  <Timeline
                    style={{ marginTop: 8 }}
                    items={claim.timeline.map((entry) => ({
                      children: `${beijingTime(entry.at)} · ${entry.title}${entry.detail ? ` · ${entry.detail}` : ''}`,
                    }))}
                  />
                  <Typography.Text type="secondary" data-testid="claim-evidence-line">
                    {claimEvidenceReview(claim.evidence).line(claim.evidence)}
                  </Typography.Text>
                </div>
              </Space>
            </List.Item>
          )}
        />
      </QueryState>
      <ReasonModal
        open={deciding !== null}
        title={deciding?.decision === 'approve' ? '批准赔付' : '拒绝理赔'}
        okText={deciding?.decision === 'approve' ? '批准' : '拒绝'}
        danger={deciding?.decision === 'reject'}
        description={
          deciding ? (
            deciding.decision === 'approve' ? (
              <>
                批准后客户将收到 {formatCny(deciding.claim.amountFen)} 的理赔红包。请写明依据（例如
                {claimEvidenceReview(deciding.claim.evidence).basisExample}）。
              </>
            ) : (
              <>拒绝原因会展示给客户，请写清楚。</>
            )
          ) : null
        }
        onCancel={() => setDeciding(null)}
        onSubmit={decide}
      />
    </Card>
  );
}
