import { STAFF_ROLE_LABELS, staffRoleSchema, type StaffRole, type StaffUser } from '@xiaoan/shared';
import { Checkbox, Form, Input, Modal, Typography } from 'antd';

export type StaffUserAction = 'disable' | 'enable' | 'reset-password' | 'roles';

const TITLES: Record<StaffUserAction, string> = {
  disable: '停用账号',
  enable: '启用账号',
  'reset-password': '重置密码',
  roles: '调整岗位',
};

const EXPLANATIONS: Record<StaffUserAction, string> = {
  disable: '停用后该员工立即退出所有登录，且无法再登录，直到重新启用。',
  enable: '启用后该员工可以用原密码再次登录。',
  'reset-password': '将生成新的一次性密码（只显示一次），该员工的所有登录会立即失效。',
  roles: '岗位决定该员工能使用哪些功能，修改后立即生效。',
};

interface StaffUserActionModalProps {
  user: StaffUser | null;
  action: StaffUserAction | null;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: { reason: string; roles?: StaffRole[] }) => void;
}

const ROLE_OPTIONS = staffRoleSchema.options.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

/** Every account change states its reason: it goes to the audit log with the change. */
export function StaffUserActionModal({ user, action, saving, onCancel, onSubmit }: StaffUserActionModalProps) {
  const [form] = Form.useForm<{ reason: string; roles?: StaffRole[] }>();
  const open = user !== null && action !== null;
  return (
    <Modal
      open={open}
      title={action ? `${TITLES[action]}：${user?.displayName ?? ''}（${user?.username ?? ''}）` : ''}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: action === 'disable' }}
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {action ? <Typography.Paragraph type="secondary">{EXPLANATIONS[action]}</Typography.Paragraph> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={onSubmit}
        requiredMark={false}
        initialValues={{ roles: user?.roles ?? [] }}
        preserve={false}
      >
        {action === 'roles' ? (
          <Form.Item
            name="roles"
            label="岗位（可多选）"
            rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个岗位' }]}
          >
            <Checkbox.Group options={ROLE_OPTIONS} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label="原因（记入审计日志）"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, message: '原因至少2个字' },
            { max: 200, message: '原因最多200个字' },
          ]}
        >
          <Input.TextArea rows={2} placeholder="例如 员工离职 / 忘记密码 / 调岗" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
