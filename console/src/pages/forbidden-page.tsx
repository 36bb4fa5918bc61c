import { Result } from 'antd';

export function ForbiddenPage() {
  return (
    <div data-testid="forbidden">
      <Result status="403" title="无权访问" subTitle="当前岗位无权使用此功能，如需开通请联系管理员。" />
    </div>
  );
}
