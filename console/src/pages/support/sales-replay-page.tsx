import { useQuery } from '@tanstack/react-query';
import { PRODUCT_VERSION_SECTION_NAMES, type ProductVersionSection } from '@xiaoan/shared';
import { Alert, Card, Col, Descriptions, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { beijingTime, seconds } from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { supportApi } from '../../features/support/support-api.js';

const sectionId = (section: ProductVersionSection) => `replay-section-${section}`;
const goTo = (section: ProductVersionSection) =>
  document.getElementById(sectionId(section))?.scrollIntoView({ behavior: 'smooth', block: 'start' });

/**
 * 销售过程回放 (可回溯, compliance.md row 2): the buyer's steps, each page by its name (产品页, 选择航班,
 * 填写投保信息…) with times and time on page, beside the exact product version they were sold — its
 * product page, exclusions and clauses, word for word; a step links to the parts it showed.
 */
export function SalesReplayPage() {
  const { policyNo = '' } = useParams();
  const replay = useQuery({
    queryKey: ['support', 'replay', policyNo],
    queryFn: () => supportApi.replay(policyNo),
    retry: false,
  });
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
              style={{ position: 'sticky', top: 16 }}
            >
              {data.exclusionsReadMatchesVersion ? (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 16 }}
                  message="客户确认阅读的免责说明与出单版本一致"
                />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 16 }}
                  message="客户确认阅读的免责说明版本与出单版本不一致，请上报合规"
                />
              )}
              <Timeline
                items={data.steps.map((step) => ({
                  color: step.source === 'server' ? 'gray' : step.type === 'exclusions_confirmed' ? 'green' : 'blue',
                  children: (
                    <div data-testid="replay-step">
                      <Typography.Text strong data-testid="replay-step-title">
                        {step.title}
                      </Typography.Text>
                      {step.pageName ? (
                        <Tag color="blue" style={{ marginLeft: 8 }} data-testid="replay-page-name">
                          {step.pageName}
                        </Tag>
                      ) : null}
                      <Tag>{step.source === 'buyer' ? '客户操作' : '系统记录'}</Tag>
                      <div>
                        <Typography.Text type="secondary">
                          {beijingTime(step.at)} {seconds(step.durationMs)}
                        </Typography.Text>
                      </div>
                      {step.shows.length > 0 ? (
                        <Space size={4} wrap>
                          <Typography.Text type="secondary">页面展示：</Typography.Text>
                          {step.shows.map((section) => (
                            <Typography.Link key={section} onClick={() => goTo(section)} data-testid="replay-shows">
                              {PRODUCT_VERSION_SECTION_NAMES[section]}
                            </Typography.Link>
                          ))}
                        </Space>
                      ) : null}
                      {step.detail ? <div>{step.detail}</div> : null}
                    </div>
                  ),
                }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              title={`客户当时看到的页面 · ${data.version.productName} 第${data.version.version}版`}
              data-testid="replay-version"
            >
              <section id={sectionId('summary')} data-testid="replay-section-summary">
                <Typography.Title level={5}>{PRODUCT_VERSION_SECTION_NAMES.summary}</Typography.Title>
                <ul style={{ paddingLeft: 20 }}>
                  {data.version.highlights.map((point) => (
                    <li key={point}>{point}</li>
                  ))}
                </ul>
                <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
                  <Descriptions.Item label="承保公司">{data.version.insurerName}</Descriptions.Item>
                  <Descriptions.Item label="产品备案编号">{data.version.filingNo}</Descriptions.Item>
                  <Descriptions.Item label="条款版本">第 {data.version.version} 版</Descriptions.Item>
                  <Descriptions.Item label="版本生效">{beijingTime(data.version.effectiveFrom)}</Descriptions.Item>
                </Descriptions>
              </section>
              <section id={sectionId('exclusions')} data-testid="replay-section-exclusions">
                <Typography.Title level={5}>
                  {PRODUCT_VERSION_SECTION_NAMES.exclusions}（投保时突出展示，须确认已阅读）
                </Typography.Title>
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
              </section>
              <section id={sectionId('clauses')} data-testid="replay-section-clauses">
                <Typography.Title level={5}>{PRODUCT_VERSION_SECTION_NAMES.clauses}</Typography.Title>
                {data.version.clauses.map((clause) => (
                  <div key={clause.title} data-testid="replay-clause">
                    <Typography.Text strong>{clause.title}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{clause.body}</Typography.Paragraph>
                  </div>
                ))}
              </section>
            </Card>
          </Col>
        </Row>
      ) : null}
    </QueryState>
  );
}
