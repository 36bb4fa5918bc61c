import { useQuery } from '@tanstack/react-query';
import { formatCny, type CampaignAnalytics, type StaffCampaignListResponse } from '@xiaoan/shared';
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
// The ES module build: its CommonJS one (lib/) hands Vite an object instead of the component.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.js';
import { apiClient, STAFF_API } from '../../api/api-client.js';
import { sessionTokenStore } from '../../api/session-store.js';
import { QueryState } from '../../features/support/query-state.js';

echarts.use([
  FunnelChart,
  LineChart,
  BarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

const FUNNEL_STEPS: { key: keyof CampaignAnalytics['funnel']; label: string }[] = [
  { key: 'cardOpens', label: '卡片打开' },
  { key: 'newUsersBound', label: '新用户绑定' },
  { key: 'qualifiedActions', label: '完成任务' },
  { key: 'rewardsGranted', label: '发放奖励' },
  { key: 'paid', label: '已到账' },
];

const campaignsApi = {
  list: () => apiClient.request<StaffCampaignListResponse>(`${STAFF_API}/campaigns`, { query: { limit: 200 } }),
  analytics: (id: string) => apiClient.request<CampaignAnalytics>(`${STAFF_API}/campaigns/${id}/analytics`),
};

/** The CSV is behind the staff token: fetched with it and saved from memory (a plain link would carry no token). */
const downloadCsv = async (id: string): Promise<void> => {
  const token = sessionTokenStore.get();
  const response = await fetch(`${STAFF_API}/campaigns/${id}/analytics.csv`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const envelope = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError({
      statusCode: response.status,
      code: envelope.code ?? 'INTERNAL_ERROR',
      message: envelope.message ?? '导出失败',
    });
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `campaign-${id}-analytics.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** Up to the next half step of its order of magnitude (220 → 250, 9.9 → 10): an axis end that reads well. */
const roundUp = (value: number): number => {
  if (value <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return (Math.ceil((value / step) * 2) / 2) * step;
};

function Chart({ option, height = 300, testId }: { option: EChartsOption; height?: number; testId: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />
    </div>
  );
}

/** 活动数据 (marketing, admin): one campaign's funnel, cost against budget, top sharers and K-factor; CSV export. */
export function CampaignAnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const campaigns = useQuery({
    queryKey: ['campaigns-for-analytics'],
    queryFn: () => campaignsApi.list(),
    retry: false,
  });
  const chosen =
    params.get('id') ??
    campaigns.data?.items.find((c) => c.status === 'published')?.id ??
    campaigns.data?.items[0]?.id ??
    null;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          活动数据
        </Typography.Title>
        <Select
          data-testid="campaign-select"
          style={{ minWidth: 320 }}
          placeholder="选择活动"
          loading={campaigns.isLoading}
          value={chosen ?? undefined}
          onChange={(id: string) => setParams({ id })}
          options={(campaigns.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `${c.definition.name}（${STATUS_LABELS[c.status] ?? c.status}）`,
          }))}
        />
      </Space>
      {chosen ? <Analytics id={chosen} /> : campaigns.isLoading ? null : <Empty description="还没有活动" />}
    </Space>
  );
}

const STATUS_LABELS: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  published: '进行中',
  paused: '已暂停',
  ended: '已结束',
};

function Analytics({ id }: { id: string }) {
  const analytics = useQuery({
    queryKey: ['campaign-analytics', id],
    queryFn: () => campaignsApi.analytics(id),
    refetchInterval: 60_000,
    retry: false,
  });
  return (
    <QueryState isLoading={analytics.isLoading} error={analytics.error} onRetry={() => void analytics.refetch()}>
      {analytics.data ? <Charts data={analytics.data} /> : null}
    </QueryState>
  );
}

function Charts({ data }: { data: CampaignAnalytics }) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const steps = FUNNEL_STEPS.map((step) => ({ name: step.label, value: data.funnel[step.key] }));
  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCsv(data.campaignId);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="campaign-analytics">
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="预算" value={formatCny(data.budgetFen)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="已用"
              value={formatCny(data.spentFen)}
              suffix={data.budgetFen > 0 ? `（${((data.spentFen / data.budgetFen) * 100).toFixed(1)}%）` : ''}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="分享者" value={data.kFactor.sharers} suffix="人" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="K 因子（人均打开 × 转化率）"
              value={data.kFactor.k}
              precision={2}
              suffix={`= ${data.kFactor.invitesPerSharer} × ${(data.kFactor.conversion * 100).toFixed(1)}%`}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card
            title={`转化漏斗 · ${data.name}`}
            extra={
              <Button onClick={() => void exportCsv()} loading={exporting} data-testid="export-csv">
                导出 CSV
              </Button>
            }
          >
            <Chart
              testId="chart-funnel"
              option={{
                tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
                series: [
                  {
                    type: 'funnel',
                    sort: 'none',
                    minSize: '8%',
                    left: '10%',
                    width: '80%',
                    label: { show: true, position: 'inside', formatter: '{b} {c}' },
                    data: steps,
                  },
                ],
              }}
            />
            {/* The same counts as text: readable without the canvas, and by a screen reader. */}
            <Space wrap data-testid="funnel-steps">
              {steps.map((step) => (
                <Typography.Text key={step.name} data-testid={`funnel-${step.name}`}>
                  {step.name}：<b>{step.value}</b>
                </Typography.Text>
              ))}
            </Space>
          </Card>
        </Col>
        <Col span={12}>
          <Card title="每日成本与预算">
            {data.costByDay.length === 0 ? (
              <Empty description="尚未发放现金奖励" />
            ) : (
              <Chart
                testId="chart-cost"
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  xAxis: { type: 'category', data: data.costByDay.map((d) => d.day) },
                  // The budget stays in view even while the spend is far below it.
                  yAxis: {
                    type: 'value',
                    name: '元',
                    max: (extent: { max: number }) => roundUp(Math.max(extent.max, data.budgetFen / 100) * 1.1),
                  },
                  series: [
                    {
                      type: 'bar',
                      name: '当日成本',
                      data: data.costByDay.map((d) => d.costFen / 100),
                      itemStyle: { color: '#1677ff' },
                    },
                    {
                      type: 'line',
                      name: '累计成本',
                      data: data.costByDay.map((d) => d.cumulativeFen / 100),
                      itemStyle: { color: '#fa8c16' },
                    },
                    {
                      // A line of one day has no length: the budget is drawn as a level across the chart too.
                      type: 'line',
                      name: '预算',
                      data: data.costByDay.map((d) => d.budgetFen / 100),
                      lineStyle: { type: 'dashed' },
                      itemStyle: { color: '#f5222d' },
                      symbol: 'none',
                      markLine: {
                        symbol: 'none',
                        silent: true,
                        lineStyle: { type: 'dashed', color: '#f5222d' },
                        label: { formatter: '预算 {c} 元', position: 'insideEndTop' },
                        data: [{ yAxis: data.budgetFen / 100 }],
                      },
                    },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card title="分享达人（前 10）">
        <Table
          data-testid="top-sharers"
          rowKey="sharer"
          size="small"
          pagination={false}
          dataSource={data.topSharers}
          columns={[
            { title: '分享者', dataIndex: 'sharer' },
            { title: '卡片打开', dataIndex: 'opens' },
            { title: '邀请绑定', dataIndex: 'invites' },
            { title: '奖励数', dataIndex: 'rewards' },
            { title: '奖励金额', dataIndex: 'rewardFen', render: (fen: number) => formatCny(fen) },
          ]}
        />
      </Card>
    </Space>
  );
}
