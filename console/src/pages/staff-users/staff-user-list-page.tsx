import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTable } from '@refinedev/antd';
import { CanAccess, useCustomMutation, useGetIdentity } from '@refinedev/core';
import {
  STAFF_ROLE_LABELS,
  staffRoleSchema,
  type CreateStaffUserRequest,
  type StaffMember,
  type StaffRole,
  type StaffUser,
  type StaffUserStatus,
  type StaffUserWithPasswordResponse,
} from '@xiaoan/shared';
import { Alert, Badge, Button, Card, Empty, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { STAFF_API } from '../../api/api-client.js';
import { describeError } from '../../api/api-error.js';
import { formatTime } from '../../format-time.js';
import { CreateStaffUserModal } from './create-staff-user-modal.js';
import { OneTimePasswordModal, type OneTimePassword } from './one-time-password-modal.js';
import { StaffUserActionModal, type StaffUserAction } from './staff-user-action-modal.js';

const ROLE_OPTIONS = staffRoleSchema.options.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));
const STATUS_OPTIONS: { value: StaffUserStatus; label: string }[] = [
  { value: 'active', label: '正常' },
  { value: 'disabled', label: '已停用' },
];

function StatusBadge({ user }: { user: StaffUser }) {
  if (user.status === 'disabled') return <Badge status="default" text="已停用" />;
  if (user.lockedUntil) return <Badge status="error" text={`锁定至 ${formatTime(user.lockedUntil)}`} />;
  if (user.mustChangePassword) return <Badge status="warning" text="待设置密码" />;
  return <Badge status="success" text="正常" />;
}

/** Staff accounts (admin): find, create, change roles, disable or enable, reset a password. */
export function StaffUserListPage() {
  const { data: me } = useGetIdentity<StaffMember>();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<StaffRole | undefined>();
  const [status, setStatus] = useState<StaffUserStatus | undefined>();
  const { tableProps, setFilters, tableQuery } = useTable<StaffUser>({
    resource: 'users',
    syncWithLocation: false,
    pagination: { pageSize: 20 },
  });
  const { mutate, mutation } = useCustomMutation<StaffUserWithPasswordResponse | StaffUser>();
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ user: StaffUser; action: StaffUserAction } | null>(null);
  const [oneTime, setOneTime] = useState<OneTimePassword | null>(null);

  const applyFilters = (next: { q?: string; role?: StaffRole | undefined; status?: StaffUserStatus | undefined }) => {
    const merged = { q, role, status, ...next };
    setFilters(
      [
        { field: 'q', operator: 'eq', value: merged.q?.trim() || undefined },
        { field: 'role', operator: 'eq', value: merged.role },
        { field: 'status', operator: 'eq', value: merged.status },
      ],
      'replace',
    );
  };

  const create = (values: CreateStaffUserRequest) =>
    mutate(
      { url: `${STAFF_API}/users`, method: 'post', values, successNotification: false },
      {
        onSuccess: ({ data }) => {
          const answer = data as StaffUserWithPasswordResponse;
          setCreating(false);
          setOneTime({ username: answer.user.username, password: answer.oneTimePassword, reason: 'created' });
          void tableQuery.refetch();
        },
      },
    );

  const act = ({ reason, roles }: { reason: string; roles?: StaffRole[] }) => {
    if (!acting) return;
    const { user, action } = acting;
    const url = action === 'roles' ? `${STAFF_API}/users/${user.id}/roles` : `${STAFF_API}/users/${user.id}/${action}`;
    mutate(
      {
        url,
        method: action === 'roles' ? 'put' : 'post',
        values: action === 'roles' ? { roles, reason } : { reason },
        successNotification: { type: 'success', message: '已保存' },
      },
      {
        onSuccess: ({ data }) => {
          setActing(null);
          if (action === 'reset-password')
            setOneTime({
              username: user.username,
              password: (data as StaffUserWithPasswordResponse).oneTimePassword,
              reason: 'reset',
            });
          void tableQuery.refetch();
        },
      },
    );
  };

  return (
    <Card
      title="员工账号"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void tableQuery.refetch()}>
            刷新
          </Button>
          <CanAccess resource="users" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-staff">
              新建员工
            </Button>
          </CanAccess>
        </Space>
      }
    >
      <Space wrap className="console-filters">
        <Input.Search
          allowClear
          placeholder="账号或姓名"
          style={{ width: 220 }}
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onSearch={(value) => applyFilters({ q: value })}
        />
        <Select
          allowClear
          placeholder="岗位"
          style={{ width: 140 }}
          options={ROLE_OPTIONS}
          value={role}
          onChange={(value?: StaffRole) => {
            setRole(value);
            applyFilters({ role: value });
          }}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 140 }}
          options={STATUS_OPTIONS}
          value={status}
          onChange={(value?: StaffUserStatus) => {
            setStatus(value);
            applyFilters({ status: value });
          }}
        />
      </Space>
      {tableQuery.isError ? (
        <Alert
          type="error"
          showIcon
          message="员工列表加载失败"
          description={describeError(tableQuery.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Table<StaffUser>
        {...tableProps}
        rowKey="id"
        locale={{ emptyText: <Empty description="没有符合条件的员工账号" /> }}
        pagination={{ ...tableProps.pagination, showTotal: (total) => `共 ${total} 个账号` }}
        data-testid="staff-table"
      >
        <Table.Column<StaffUser>
          dataIndex="username"
          title="账号"
          render={(value: string) => <Typography.Text code>{value}</Typography.Text>}
        />
        <Table.Column<StaffUser> dataIndex="displayName" title="姓名" />
        <Table.Column<StaffUser>
          dataIndex="roles"
          title="岗位"
          render={(roles: StaffRole[]) => roles.map((r) => <Tag key={r}>{STAFF_ROLE_LABELS[r]}</Tag>)}
        />
        <Table.Column<StaffUser> key="status" title="状态" render={(_, user) => <StatusBadge user={user} />} />
        <Table.Column<StaffUser>
          dataIndex="lastLoginAt"
          title="最近登录"
          render={(value: string | null) => (value ? formatTime(value) : '从未登录')}
        />
        <Table.Column<StaffUser> dataIndex="createdAt" title="创建时间" render={(value: string) => formatTime(value)} />
        <Table.Column<StaffUser>
          key="actions"
          title="操作"
          render={(_, user) => (
            <Space size={0} wrap>
              <CanAccess resource="users" action="update">
                <Button type="link" size="small" onClick={() => setActing({ user, action: 'roles' })}>
                  调整岗位
                </Button>
              </CanAccess>
              <CanAccess resource="users" action="reset_password">
                <Button type="link" size="small" onClick={() => setActing({ user, action: 'reset-password' })}>
                  重置密码
                </Button>
              </CanAccess>
              {user.status === 'active' ? (
                <CanAccess resource="users" action="disable">
                  <Button
                    type="link"
                    size="small"
                    danger
                    disabled={user.id === me?.id}
                    title={user.id === me?.id ? '不能停用自己的账号' : undefined}
                    onClick={() => setActing({ user, action: 'disable' })}
                  >
                    停用
                  </Button>
                </CanAccess>
              ) : (
                <CanAccess resource="users" action="enable">
                  <Button type="link" size="small" onClick={() => setActing({ user, action: 'enable' })}>
                    启用
                  </Button>
                </CanAccess>
              )}
            </Space>
          )}
        />
      </Table>
      <CreateStaffUserModal
        open={creating}
        saving={mutation.isPending}
        onCancel={() => setCreating(false)}
        onSubmit={create}
      />
      <StaffUserActionModal
        user={acting?.user ?? null}
        action={acting?.action ?? null}
        saving={mutation.isPending}
        onCancel={() => setActing(null)}
        onSubmit={act}
      />
      <OneTimePasswordModal value={oneTime} onClose={() => setOneTime(null)} />
    </Card>
  );
}
