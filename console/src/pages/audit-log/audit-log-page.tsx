import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useTable } from '@refinedev/antd';
import type { CrudFilter } from '@refinedev/core';
import { STAFF_AUDIT_ACTION_LABELS, STAFF_ROLE_LABELS, type AuditLogEntry, type StaffRole } from '@xiaoan/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { describeError } from '../../api/api-error.js';
import { auditResourceLabel } from '../../features/support/labels.js';
import { formatTime } from '../../format-time.js';

interface AuditFilters {
  username?: string;
  action?: string;
  customerId?: string;
  policyNo?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  /** Also list the row every permitted request writes (接口访问); off by default, so actions stand out. */
  showAccess?: boolean;
}

const routeAccessFilter = (showAccess: boolean | undefined): CrudFilter => ({
  field: 'routeAccess',
  operator: 'eq',
  value: showAccess ? 'include' : 'exclude',
});

const ACTION_OPTIONS = Object.entries(STAFF_AUDIT_ACTION_LABELS).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const actionLabel = (action: string): string => STAFF_AUDIT_ACTION_LABELS[action] ?? action;

/** The audit trail (admin): who did what to which customer or policy, when, from where, and why. */
export function AuditLogPage() {
  const [form] = Form.useForm<AuditFilters>();
  const { tableProps, setFilters, tableQuery } = useTable<AuditLogEntry>({
    resource: 'audit-log',
    syncWithLocation: false,
    pagination: { pageSize: 20 },
    filters: { initial: [routeAccessFilter(false)] },
  });

  const search = (values: AuditFilters) => {
    const filters: CrudFilter[] = [
      { field: 'username', operator: 'eq', value: values.username?.trim() || undefined },
      { field: 'action', operator: 'eq', value: values.action },
      { field: 'customerId', operator: 'eq', value: values.customerId?.trim() || undefined },
      { field: 'policyNo', operator: 'eq', value: values.policyNo?.trim() || undefined },
      {
        field: 'at',
        operator: 'between',
        value: values.range ? [values.range[0]?.toDate(), values.range[1]?.toDate()] : undefined,
      },
      routeAccessFilter(values.showAccess),
    ];
    setFilters(filters, 'replace');
  };

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void tableQuery.refetch()}>
          刷新
        </Button>
      }
    >
      <Form<AuditFilters>
        form={form}
        layout="inline"
        onFinish={search}
        className="console-filters"
        data-testid="audit-filters"
      >
        <Form.Item name="username">
          <Input allowClear placeholder="员工账号" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="action">
          <Select
            allowClear
            showSearch
            placeholder="操作类型"
            style={{ width: 220 }}
            options={ACTION_OPTIONS}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="customerId" rules={[{ pattern: UUID, message: '客户ID格式不正确' }]}>
          <Input allowClear placeholder="客户ID" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="policyNo">
          <Input allowClear placeholder="保单号" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker showTime placeholder={['开始时间', '结束时间']} />
        </Form.Item>
        <Form.Item name="showAccess" valuePropName="checked">
          <Checkbox data-testid="audit-show-access">含接口访问记录</Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {tableQuery.isError ? (
        <Alert
          type="error"
          showIcon
          message="审计日志加载失败"
          description={describeError(tableQuery.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<AuditLogEntry>
        {...tableProps}
        rowKey="id"
        size="small"
        scroll={{ x: 1400 }}
        locale={{ emptyText: <Empty description="没有符合条件的审计记录" /> }}
        pagination={{ ...tableProps.pagination, showTotal: (total) => `共 ${total} 条` }}
        expandable={{
          rowExpandable: (row) => row.detail !== null || row.requestId !== null,
          expandedRowRender: (row) => (
            <Space direction="vertical">
              {row.requestId ? <Typography.Text type="secondary">请求ID：{row.requestId}</Typography.Text> : null}
              {row.detail ? <Typography.Text code>{JSON.stringify(row.detail)}</Typography.Text> : null}
            </Space>
          ),
        }}
        data-testid="audit-table"
      >
        <Table.Column<AuditLogEntry>
          dataIndex="at"
          title="时间"
          width={170}
          render={(value: string) => formatTime(value)}
        />
        <Table.Column<AuditLogEntry>
          dataIndex="username"
          title="员工"
          width={140}
          render={(value: string) => <Typography.Text code>{value}</Typography.Text>}
        />
        <Table.Column<AuditLogEntry>
          dataIndex="roles"
          title="岗位"
          width={110}
          render={(roles: StaffRole[]) => roles.map((role) => <Tag key={role}>{STAFF_ROLE_LABELS[role]}</Tag>)}
        />
        <Table.Column<AuditLogEntry>
          dataIndex="action"
          title="操作"
          width={150}
          render={(value: string) => <span data-action={value}>{actionLabel(value)}</span>}
        />
        <Table.Column<AuditLogEntry>
          key="resource"
          title="对象"
          render={(_, row) =>
            row.resourceType
              ? `${auditResourceLabel(row.resourceType)}${row.resourceId ? `：${row.resourceId}` : ''}`
              : '—'
          }
        />
        <Table.Column<AuditLogEntry>
          dataIndex="customerId"
          title="客户"
          width={120}
          render={(value: string | null) =>
            value ? <Typography.Text copyable={{ text: value }}>{value.slice(0, 8)}…</Typography.Text> : '—'
          }
        />
        <Table.Column<AuditLogEntry>
          dataIndex="policyNo"
          title="保单号"
          width={150}
          render={(value: string | null) => value ?? '—'}
        />
        <Table.Column<AuditLogEntry>
          dataIndex="reason"
          title="原因"
          width={180}
          render={(value: string | null) => value ?? '—'}
        />
        <Table.Column<AuditLogEntry>
          dataIndex="ip"
          title="来源IP"
          width={120}
          render={(value: string | null) => value ?? '—'}
        />
      </Table>
    </Card>
  );
}
