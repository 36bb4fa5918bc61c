import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Collapse, Descriptions, List, Row, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { beijingTime, seconds } from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { supportApi } from '../../features/support/support-api.js';

/**
 * 销售过程回放 (可回溯, compliance.md row 2): the buyer's steps, with times and time on page, beside the
 * exact product version they were sold — its clauses and highlighted exclusions, word for word.
 */
export function SalesReplayPage() {
  const { policyNo = '' } = useParams();
  const replay = useQuery({ queryKey: ['support', 'replay', policyNo], queryFn: () => supportApi.replay(policyNo), retry: false });
  const data = replay.data;
  return (
    <QueryState isLoading={replay.isLoading} error={replay.error} onRetry={() => void replay.refetch()}>
      {data ? (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card
              title={`销售过程回放 · 保单 ${data.policyNo}`}
              extra={<Link to={`/customers/${data.customerId}`}>返回客户详情</Link>}
              data-testid="replay-steps"
            >
              {data.exclusionsReadMatchesVersion ? (
                <Alert type="success" showIcon style={{ marginBottom: 16 }} message="客户确认阅读的免责条款与出单版本一致" />
              ) : (
                <Alert type="error" showIcon style={{ marginBottom: 16 }} message="客户确认阅读的免责条款版本与出单版本不一致，请上报合规" />
              )}
              <Timeline
                items={data.steps.map((step) => ({
                  color: step.source === 'server' ? 'gray' : step.type === 'exclusions_confirmed' ? 'green' : 'blue',
                  children: (
                    <div data-testid="replay-step">
                      <Typography.Text strong>{step.title}</Typography.Text>{' '}
                      <Tag>{step.source === 'buyer' ? '客户操作' : '系统记录'}</Tag>
                      <div>
                        <Typography.Text type="secondary">
                          {beijingTime(step.at)} {seconds(step.durationMs)}
                        </Typography.Text>
                      </div>
                      {step.page ? <div><Typography.Text code>{step.page}</Typography.Text></div> : null}
                      {step.detail ? <div>{step.detail}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card title={`客户当时看到的条款 · ${data.version.productName} 第${data.version.version}版`} data-testid="replay-version">
              <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
                <Descriptions.Item label="保险公司">{data.version.insurerName}</Descriptions.Item>
                <Descriptions.Item label="备案编号">{data.version.filingNo}</Descriptions.Item>
                <Descriptions.Item label="版本生效">{beijingTime(data.version.effectiveFrom)}</Descriptions.Item>
                <Descriptions.Item label="产品代码">{data.version.productCode}</Descriptions.Item>
              </Descriptions>
              <Typography.Title level={5}>免责条款（投保时突出展示）</Typography.Title>
              <List
                bordered
                dataSource={data.version.exclusions}
                style={{ marginBottom: 16, background: '#fffbe6' }}
                renderItem={(exclusion, index) => (
                  <List.Item data-testid="replay-exclusion">
                    <Typography.Text strong>
                      {index + 1}. {exclusion}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              <Typography.Title level={5}>保险条款</Typography.Title>
              <Collapse
                items={data.version.clauses.map((clause, index) => ({
                  key: String(index),
                  label: clause.title,
                  children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{clause.body}</Typography.Paragraph>,
                }))}
                defaultActiveKey={['0']}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
    </QueryState>
  );
}
