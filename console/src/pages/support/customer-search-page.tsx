import { useQuery } from '@tanstack/react-query';
import type { CustomerSearchHit } from '@xiaoan/shared';
import { Button, Card, DatePicker, Form, Input, Segmented, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import type { QueryValue } from '../../api/api-client.js';
import { customerSearchQueryOf, type SearchKind } from '../../features/support/customer-search-query.js';
import { QueryState } from '../../features/support/query-state.js';
import { beijingTime } from '../../features/support/labels.js';
import { supportApi } from '../../features/support/support-api.js';

const KINDS: { value: SearchKind; label: string; placeholder: string }[] = [
  { value: 'policyNo', label: '保单号', placeholder: '例如 P2612040000000015' },
  { value: 'orderNo', label: '订单号', placeholder: '例如 O2612040000000012' },
  { value: 'claimNo', label: '理赔号', placeholder: '例如 C2612040000000018' },
  { value: 'phone', label: '手机号', placeholder: '被保险人手机号（11位）' },
  { value: 'nameAndFlight', label: '姓名+航班', placeholder: '脱敏姓名，例如 张*丰' },
];

interface SearchForm {
  value: string;
  flightNo?: string;
  flightDate?: Dayjs;
}

/** 客户查询: one way of finding a customer at a time; results masked; every search audited. */
export function CustomerSearchPage() {
  const [kind, setKind] = useState<SearchKind>('policyNo');
  const [query, setQuery] = useState<Record<string, QueryValue> | null>(null);
  const [form] = Form.useForm<SearchForm>();
  const result = useQuery({
    queryKey: ['support', 'customer-search', query],
    queryFn: () => supportApi.searchCustomers(query!),
    enabled: query !== null,
    retry: false,
  });
  const current = KINDS.find((item) => item.value === kind)!;

  const submit = (values: SearchForm) => {
    setQuery(
      customerSearchQueryOf(kind, {
        value: values.value,
        flightNo: values.flightNo,
        flightDate: values.flightDate?.format('YYYY-MM-DD'),
      }),
    );
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title="客户查询">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented<SearchKind>
            options={KINDS.map(({ value, label }) => ({ value, label }))}
            value={kind}
            onChange={(value) => {
              setKind(value);
              form.resetFields();
            }}
            data-testid="search-kind"
          />
          <Form form={form} layout="inline" onFinish={submit}>
            <Form.Item
              name="value"
              rules={[
                { required: true, message: `请输入${current.label === '姓名+航班' ? '脱敏姓名' : current.label}` },
              ]}
            >
              <Input placeholder={current.placeholder} allowClear style={{ width: 280 }} data-testid="search-value" />
            </Form.Item>
            {kind === 'nameAndFlight' ? (
              <>
                <Form.Item name="flightNo" rules={[{ required: true, message: '请输入航班号' }]}>
                  <Input placeholder="航班号，例如 MU5101" style={{ width: 160 }} data-testid="search-flight-no" />
                </Form.Item>
                <Form.Item name="flightDate" rules={[{ required: true, message: '请选择航班日期' }]}>
                  <DatePicker placeholder="航班日期" />
                </Form.Item>
              </>
            ) : null}
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={result.isFetching} data-testid="search-submit">
                查询
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary">结果中的个人信息已脱敏；每次查询都会记入审计日志。</Typography.Text>
        </Space>
      </Card>
      {query ? (
        <Card title="查询结果">
          <QueryState
            isLoading={result.isLoading}
            error={result.error}
            isEmpty={result.data?.items.length === 0}
            emptyText="没有找到匹配的客户，请核对后重试"
            onRetry={() => void result.refetch()}
          >
            <Table<CustomerSearchHit>
              rowKey="orderNo"
              dataSource={result.data?.items ?? []}
              pagination={false}
              data-testid="search-results"
              columns={[
                { title: '被保险人', dataIndex: 'insuredNameMasked' },
                { title: '手机号', dataIndex: 'insuredPhoneMasked' },
                { title: '产品', dataIndex: 'productName' },
                { title: '保障对象', dataIndex: 'subject' },
                { title: '订单号', dataIndex: 'orderNo' },
                { title: '保单号', dataIndex: 'policyNo', render: (value: string | null) => value ?? '未出单' },
                { title: '下单时间', dataIndex: 'createdAt', render: beijingTime },
                {
                  title: '',
                  key: 'open',
                  render: (_, hit) => (
                    <Link to={`/customers/${hit.customerId}`} data-testid="open-customer">
                      查看客户
                    </Link>
                  ),
                },
              ]}
            />
          </QueryState>
        </Card>
      ) : null}
    </Space>
  );
}
