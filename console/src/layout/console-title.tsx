import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';

export function ConsoleTitle({ collapsed }: { collapsed: boolean }) {
  return (
    <Space className="console-title">
      <SafetyCertificateOutlined style={{ fontSize: 20, color: '#1677ff' }} />
      {collapsed ? null : <Typography.Text strong>小安员工后台</Typography.Text>}
    </Space>
  );
}
