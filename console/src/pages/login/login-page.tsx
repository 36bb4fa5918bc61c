import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useLogin } from '@refinedev/core';
import type { StaffLoginRequest } from '@xiaoan/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';

/** Sign-in for support, marketing and admin staff. Wrong passwords and locks are said plainly. */
export function LoginPage() {
  const [error, setError] = useState<string | null>(null);
  const { mutate: login, isPending } = useLogin<StaffLoginRequest>();

  const submit = (values: StaffLoginRequest) => {
    setError(null);
    login(values, {
      onSuccess: (answer) => {
        if (!answer.success) setError(answer.error?.message ?? '登录失败，请重试');
      },
      onError: () => setError('网络异常，请检查网络后重试'),
    });
  };

  return (
    <div className="console-login">
      <Card className="console-login__card" variant="borderless">
        <Typography.Title level={3} className="console-login__title">
          小安保险 · 员工后台
        </Typography.Title>
        <Typography.Paragraph type="secondary">客服、市场与管理员使用公司分配的账号登录。</Typography.Paragraph>
        {error ? (
          <Alert className="console-login__error" type="error" showIcon message={error} data-testid="login-error" />
        ) : null}
        <Form<StaffLoginRequest> layout="vertical" onFinish={submit} requiredMark={false} disabled={isPending}>
          <Form.Item name="username" label="账号" rules={[{ required: true, whitespace: true, message: '请输入账号' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="例如 zhang.san" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
