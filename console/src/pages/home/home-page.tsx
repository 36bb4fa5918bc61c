import { useGetIdentity } from '@refinedev/core';
import { STAFF_ROLE_LABELS, type StaffMember } from '@xiaoan/shared';
import { Card, Skeleton, Space, Tag, Typography } from 'antd';

/** The landing page: who is signed in, in which roles. The work pages are in the menu. */
export function HomePage() {
  const { data: member, isLoading } = useGetIdentity<StaffMember>();
  if (isLoading || !member) return <Skeleton active />;
  return (
    <Card>
      <Typography.Title level={4} data-testid="home-greeting">
        您好，{member.displayName}
      </Typography.Title>
      <Space wrap>
        <span>当前岗位：</span>
        {member.roles.map((role) => (
          <Tag key={role} color="blue" data-testid="home-role">
            {STAFF_ROLE_LABELS[role]}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        左侧菜单只列出您的岗位可以使用的功能。查看客户个人信息和每一次操作都会记入审计日志。
      </Typography.Paragraph>
    </Card>
  );
}
