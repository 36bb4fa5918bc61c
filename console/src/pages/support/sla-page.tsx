import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../features/support/query-state.js';
import { formatDuration, formatTime } from '../../format-time.js';
import { Chart } from '../dashboard/charts.js';
import { supportApi, type SlaFigures } from './support-api.js';

const minutes = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round((seconds / 60) * 10) / 10;
const stars = (rating: number | null): string =>
  rating === null ? '—' : `${'★'.repeat(Math.round(rating))} ${rating}`;

/**
 * 客服质量 (SLA): first response (first user message → first agent reply; automatic answers do
 * not count) and resolution times, per conversation and per agent, and the users' satisfaction
 * ratings. From `GET /api/v1/staff/support/sla`.
 */
export function SlaPage() {
  const [days, setDays] = useState(30);
  const sla = useQuery({
    queryKey: ['support-sla', days],
    queryFn: () => supportApi.sla(days),
    refetchInterval: 60_000,
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Title level={4} style={{ margin: 0 }}>
          客服质量
        </Typography.Title>
        <Segmented
          value={days}
          onChange={(value) => setDays(Number(value))}
          options={[
            { value: 7, label: '近 7 天' },
            { value: 30, label: '近 30 天' },
            { value: 90, label: '近 90 天' },
          ]}
        />
      </Space>
      <QueryState
        isLoading={sla.isLoading}
        error={sla.error}
        onRetry={() => void sla.refetch()}
        isEmpty={sla.data?.conversations === 0}
        emptyText="这段时间没有客服会话"
      >
        {sla.data ? <Figures data={sla.data} /> : null}
      </QueryState>
    </Space>
  );
}

function Figures({ data }: { data: SlaFigures }) {
  const conversations = [...data.perConversation].reverse();
  const ratingCounts = [1, 2, 3, 4, 5].map(
    (score) => data.perConversation.filter((row) => row.rating === score).length,
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="sla">
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="会话数" value={data.conversations} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="首次响应（中位数）" value={formatDuration(data.firstResponseP50Seconds)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="首次响应（90%）" value={formatDuration(data.firstResponseP90Seconds)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="解决用时（中位数）" value={formatDuration(data.resolutionP50Seconds)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={16}>
          <Card title="每个会话的首次响应与解决用时（分钟）" size="small">
            <Chart
              testId="chart-sla-conversations"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0, data: ['首次响应', '解决用时'] },
                grid: { top: 48, left: 48, right: 16, bottom: 64 },
                xAxis: {
                  type: 'category',
                  data: conversations.map((row) => formatTime(row.createdAt).slice(5, 16)),
                  axisLabel: { rotate: 30 },
                },
                yAxis: { type: 'value', name: '分钟' },
                series: [
                  {
                    name: '首次响应',
                    type: 'bar',
                    data: conversations.map((row) => minutes(row.firstResponseSeconds)),
                  },
                  { name: '解决用时', type: 'bar', data: conversations.map((row) => minutes(row.resolutionSeconds)) },
                ],
              }}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card title={`满意度 · 平均 ${stars(data.averageRating)}`} size="small">
            <Chart
              testId="chart-sla-ratings"
              height={300}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 16, bottom: 32 },
                xAxis: { type: 'category', data: ['1 星', '2 星', '3 星', '4 星', '5 星'] },
                yAxis: { type: 'value', name: '会话数', minInterval: 1 },
                series: [{ name: '评价', type: 'bar', data: ratingCounts, itemStyle: { color: '#faad14' } }],
              }}
            />
          </Card>
        </Col>
      </Row>
      <Card title="每位客服" size="small">
        <Chart
          testId="chart-sla-agents"
          height={260}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0, data: ['平均首次响应', '平均解决用时', '平均满意度'] },
            grid: { top: 48, left: 48, right: 48, bottom: 32 },
            xAxis: { type: 'category', data: data.perAgent.map((agent) => agent.displayName) },
            yAxis: [
              { type: 'value', name: '分钟' },
              { type: 'value', name: '满意度', min: 0, max: 5 },
            ],
            series: [
              {
                name: '平均首次响应',
                type: 'bar',
                data: data.perAgent.map((agent) => minutes(agent.firstResponseAvgSeconds)),
              },
              {
                name: '平均解决用时',
                type: 'bar',
                data: data.perAgent.map((agent) => minutes(agent.resolutionAvgSeconds)),
              },
              {
                name: '平均满意度',
                type: 'bar',
                yAxisIndex: 1,
                data: data.perAgent.map((agent) => agent.averageRating),
                itemStyle: { color: '#faad14' },
              },
            ],
          }}
        />
        <Table
          size="small"
          rowKey="staffUserId"
          pagination={false}
          dataSource={data.perAgent}
          data-testid="sla-agents"
          columns={[
            { title: '客服', dataIndex: 'displayName' },
            { title: '会话', dataIndex: 'conversations' },
            { title: '平均首次响应', render: (_, agent) => formatDuration(agent.firstResponseAvgSeconds) },
            { title: '平均解决用时', render: (_, agent) => formatDuration(agent.resolutionAvgSeconds) },
            { title: '满意度', render: (_, agent) => `${stars(agent.averageRating)}（${agent.ratings} 条评价）` },
          ]}
        />
      </Card>
      <Card title="最近的会话" size="small">
        <Table
          size="small"
          rowKey="conversationId"
          pagination={{ pageSize: 10 }}
          dataSource={data.perConversation}
          data-testid="sla-conversations"
          columns={[
            { title: '开始', render: (_, row) => formatTime(row.createdAt) },
            { title: '内容', dataIndex: 'preview', ellipsis: true },
            {
              title: '渠道',
              render: (_, row) => (
                <Tag color={row.channel === 'h5' ? 'cyan' : 'green'}>{row.channel === 'h5' ? 'H5 聊天页' : '微信'}</Tag>
              ),
            },
            { title: '客服', render: (_, row) => row.agent ?? '—' },
            { title: '首次响应', render: (_, row) => formatDuration(row.firstResponseSeconds) },
            { title: '解决用时', render: (_, row) => formatDuration(row.resolutionSeconds) },
            { title: '满意度', render: (_, row) => (row.rating === null ? '—' : '★'.repeat(row.rating)) },
          ]}
        />
      </Card>
    </Space>
  );
}
