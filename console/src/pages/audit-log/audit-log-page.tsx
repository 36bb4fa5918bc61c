import { Empty } from 'antd';

export function AuditLogPage() {
  return <Empty description="审计日志即将上线" />;
}
