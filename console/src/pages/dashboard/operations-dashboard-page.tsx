import { useQuery } from '@tanstack/react-query';
import { formatCny, summariseTerms, type OperationsDashboard, type ProductVersionList } from '@xiaoan/shared';
import {
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { beijingTime, billStateLabel } from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { supportApi } from '../../features/support/support-api.js';
import { Chart } from './charts.js';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** 运营看板 (admin): the day at a glance, and every product version's terms (read-only). */
export function OperationsDashboardPage() {
  return (
    <Tabs
      items={[
        { key: 'today', label: '今日运营', children: <TodayTab /> },
        { key: 'products', label: '产品与条款', children: <ProductsTab /> },
      ]}
    />
  );
}

function TodayTab() {
  const dashboard = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => supportApi.dashboard(),
    refetchInterval: 60_000,
    retry: false,
  });
  const data = dashboard.data;
  return (
    <QueryState isLoading={dashboard.isLoading} error={dashboard.error} onRetry={() => void dashboard.refetch()}>
      {data ? <Today data={data} /> : null}
    </QueryState>
  );
}

function Today({ data }: { data: OperationsDashboard }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard">
      <Typography.Text type="secondary">{data.day}（北京时间）· 每分钟刷新</Typography.Text>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="今日出单" value={data.sales.policiesIssued} suffix="单" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="今日保费" value={formatCny(data.sales.premiumFen)} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="有效保单" value={data.policiesInForce} suffix="单" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="今日退款" value={formatCny(data.sales.refundedFen)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="已批准理赔" value={data.claims.approved} suffix="笔" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="已到账" value={data.claims.paid} suffix="笔" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="待领取"
              value={data.claims.unclaimed}
              suffix={`笔 · ${formatCny(data.claims.unclaimedFen)}`}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic
              title="今日转账成功率"
              value={percent(data.payouts.successRate)}
              suffix={`（${data.payouts.succeededToday}/${data.payouts.finishedToday}）`}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Card title="今日各小时出单">
            <Chart
              testId="chart-sales-by-hour"
              option={{
                tooltip: { trigger: 'axis' },
                xAxis: { type: 'category', data: data.salesByHour.map((hour) => `${hour.hour}时`) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  {
                    type: 'bar',
                    name: '出单',
                    data: data.salesByHour.map((hour) => hour.policies),
                    itemStyle: { color: '#1677ff' },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col span={10}>
          <Card title="理赔状态">
            {data.claims.paid + data.claims.unclaimed + data.claims.manualReview === 0 ? (
              <Empty description="暂无理赔" />
            ) : (
              <Chart
                testId="chart-claims"
                option={{
                  tooltip: { trigger: 'item' },
                  legend: { bottom: 0 },
                  series: [
                    {
                      type: 'pie',
                      radius: ['40%', '70%'],
                      data: [
                        { name: '已到账', value: data.claims.paid },
                        { name: '待领取', value: data.claims.unclaimed },
                        { name: '人工审核', value: data.claims.manualReview },
                      ],
                    },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="转账单状态">
            {data.payouts.states.length === 0 ? (
              <Empty description="暂无转账单" />
            ) : (
              <Chart
                testId="chart-payout-states"
                option={{
                  tooltip: { trigger: 'axis' },
                  xAxis: {
                    type: 'category',
                    data: data.payouts.states.map((row) => billStateLabel(row.state)),
                    axisLabel: { interval: 0, rotate: data.payouts.states.length > 4 ? 30 : 0 },
                  },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    {
                      type: 'bar',
                      name: '转账单',
                      data: data.payouts.states.map((row) => row.bills),
                      itemStyle: { color: '#52c41a' },
                    },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
        <Col span={12}>
          <Card title="微信支付错误（近7天）">
            <Table
              size="small"
              rowKey={(row) => `${row.source}-${row.code}`}
              dataSource={data.wechatErrors}
              pagination={false}
              locale={{ emptyText: '近7天没有微信支付错误' }}
              columns={[
                {
                  title: '来源',
                  dataIndex: 'source',
                  render: (source: string) =>
                    source === 'transfer' ? <Tag color="orange">理赔转账</Tag> : <Tag color="red">退款</Tag>,
                },
                { title: '错误码', dataIndex: 'code' },
                { title: '次数', dataIndex: 'count' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Card title="航班承保容量（按已售保额）">
            <Table
              size="small"
              rowKey={(row) => `${row.flightNo}-${row.flightDate}`}
              dataSource={data.flightCapacity}
              pagination={false}
              locale={{ emptyText: '暂无在售航班' }}
              columns={[
                { title: '航班', key: 'flight', render: (_, row) => `${row.flightNo} ${row.flightDate}` },
                { title: '保单', dataIndex: 'policies' },
                { title: '已售保额', dataIndex: 'soldFen', render: (fen: number) => formatCny(fen) },
                {
                  title: '占用',
                  key: 'used',
                  render: (_, row) => (
                    <Progress
                      percent={row.capacityFen > 0 ? Math.round((row.soldFen / row.capacityFen) * 1000) / 10 : 0}
                      size="small"
                    />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="天气险容量（城市-季 / 景区-日）">
            <Table
              size="small"
              rowKey={(row) => `${row.placeCode}-${row.period}`}
              dataSource={data.weatherCapacity}
              pagination={false}
              locale={{ emptyText: '暂无天气险销售' }}
              columns={[
                { title: '地点', dataIndex: 'placeName' },
                { title: '期间', dataIndex: 'period' },
                { title: '已售', key: 'sold', render: (_, row) => `${row.sold} / ${row.capacity}` },
                {
                  title: '占用',
                  key: 'used',
                  render: (_, row) => (
                    <Progress percent={Math.round((row.sold / row.capacity) * 1000) / 10} size="small" />
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function ProductsTab() {
  const versions = useQuery({
    queryKey: ['product-versions'],
    queryFn: () => supportApi.productVersions(),
    retry: false,
  });
  return (
    <QueryState
      isLoading={versions.isLoading}
      error={versions.error}
      isEmpty={versions.data?.items.length === 0}
      onRetry={() => void versions.refetch()}
    >
      <Collapse
        items={(versions.data?.items ?? []).map((item: ProductVersionList['items'][number]) => ({
          key: item.versionId,
          label: (
            <Space>
              <span>{item.productName}</span>
              <Tag>第{item.version}版</Tag>
              {item.current ? <Tag color="green">在售</Tag> : <Tag>历史版本</Tag>}
            </Space>
          ),
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions column={3} size="small">
                <Descriptions.Item label="产品代码">{item.productCode}</Descriptions.Item>
                <Descriptions.Item label="保险公司">{item.insurerName}</Descriptions.Item>
                <Descriptions.Item label="备案编号">{item.filingNo}</Descriptions.Item>
                <Descriptions.Item label="生效">{beijingTime(item.effectiveFrom)}</Descriptions.Item>
                <Descriptions.Item label="失效">
                  {item.effectiveTo ? beijingTime(item.effectiveTo) : '—'}
                </Descriptions.Item>
              </Descriptions>
              <Typography.Text strong>产品页要点（由条款参数生成，只读）</Typography.Text>
              <ul data-testid="product-highlights">
                {summariseTerms(item.terms).map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
              <Collapse
                size="small"
                items={[
                  {
                    key: 'raw',
                    label: '条款参数原文（只读）',
                    children: (
                      <pre style={{ background: '#fafafa', padding: 12, margin: 0 }}>
                        {JSON.stringify(item.terms, null, 2)}
                      </pre>
                    ),
                  },
                ]}
              />
              <Typography.Text strong>免责条款</Typography.Text>
              <ol>
                {item.exclusions.map((exclusion) => (
                  <li key={exclusion}>{exclusion}</li>
                ))}
              </ol>
              <Typography.Text strong>保险条款</Typography.Text>
              {item.clauses.map((clause) => (
                <div key={clause.title}>
                  <Typography.Text strong>{clause.title}</Typography.Text>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{clause.body}</Typography.Paragraph>
                </div>
              ))}
            </Space>
          ),
        }))}
      />
    </QueryState>
  );
}
