import { Empty } from 'antd';

export function StaffUserListPage() {
  return <Empty description="员工账号管理即将上线" />;
}
