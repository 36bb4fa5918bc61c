import { useGetIdentity } from '@refinedev/core';
import { STAFF_ROLE_LABELS, type StaffMember } from '@xiaoan/shared';
import { Layout, Space, Tag, Typography } from 'antd';

/** The member's name and roles, top right, on every page. */
export function ConsoleHeader() {
  const { data: member } = useGetIdentity<StaffMember>();
  return (
    <Layout.Header className="console-header">
      <Space>
        <Typography.Text strong data-testid="header-name">
          {member?.displayName ?? ''}
        </Typography.Text>
        {member?.roles.map((role) => (
          <Tag key={role}>{STAFF_ROLE_LABELS[role]}</Tag>
        ))}
      </Space>
    </Layout.Header>
  );
}
