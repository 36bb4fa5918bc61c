import { KeyOutlined } from '@ant-design/icons';
import { useGetIdentity } from '@refinedev/core';
import { STAFF_ROLE_LABELS, type StaffMember } from '@xiaoan/shared';
import { Button, Layout, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PASSWORD_PATH } from '../providers/auth-provider.js';

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
        <Link to={PASSWORD_PATH}>
          <Button type="text" size="small" icon={<KeyOutlined />}>
            修改密码
          </Button>
        </Link>
      </Space>
    </Layout.Header>
  );
}
