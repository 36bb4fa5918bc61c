import { useGetIdentity, useInvalidateAuthStore } from '@refinedev/core';
import type { StaffChangePasswordRequest, StaffMember } from '@xiaoan/shared';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { apiClient, STAFF_API } from '../../api/api-client.js';
import { describeError } from '../../api/api-error.js';
import { staffSession } from '../../access/staff-session.js';

type PasswordForm = StaffChangePasswordRequest & { confirmPassword: string };

/** Set a new password: required after a one-time password (new account or reset), open to everyone otherwise. */
export function ChangePasswordPage() {
  const { data: member } = useGetIdentity<StaffMember>();
  const invalidateAuth = useInvalidateAuthStore();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async ({ currentPassword, newPassword }: PasswordForm) => {
    setError(null);
    setSaving(true);
    try {
      await apiClient.request(`${STAFF_API}/auth/password`, { method: 'POST', body: { currentPassword, newPassword } });
      await staffSession.refresh();
      await invalidateAuth();
      void message.success('新密码已生效');
      await navigate('/');
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={4}>设置新密码</Typography.Title>
      {member?.mustChangePassword ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="您正在使用一次性密码，请先设置自己的新密码再继续使用。"
          data-testid="must-change-password"
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} /> : null}
      <Form<PasswordForm> layout="vertical" onFinish={submit} disabled={saving} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label="当前密码（或一次性密码）"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 10, message: '新密码至少10位' },
            { max: 128, message: '新密码最多128位' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存新密码
        </Button>
      </Form>
    </Card>
  );
}
