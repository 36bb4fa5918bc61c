import { STAFF_ROLE_LABELS, staffRoleSchema, type CreateStaffUserRequest } from '@xiaoan/shared';
import { Checkbox, Form, Input, Modal } from 'antd';

interface CreateStaffUserModalProps {
  open: boolean;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: CreateStaffUserRequest) => void;
}

const ROLE_OPTIONS = staffRoleSchema.options.map((role) => ({ value: role, label: STAFF_ROLE_LABELS[role] }));

export function CreateStaffUserModal({ open, saving, onCancel, onSubmit }: CreateStaffUserModalProps) {
  const [form] = Form.useForm<CreateStaffUserRequest>();
  return (
    <Modal
      open={open}
      title="新建员工账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => form.submit()}
      afterClose={() => form.resetFields()}
      destroyOnHidden
    >
      <Form<CreateStaffUserRequest>
        form={form}
        layout="vertical"
        onFinish={onSubmit}
        requiredMark={false}
        data-testid="create-staff-form"
      >
        <Form.Item
          name="username"
          label="登录账号"
          extra="3–32位小写字母、数字、点、下划线或连字符，以字母开头"
          rules={[
            { required: true, message: '请输入登录账号' },
            { pattern: /^[a-z][a-z0-9._-]{2,31}$/, message: '账号格式不正确' },
          ]}
        >
          <Input placeholder="例如 li.si" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 32, message: '姓名最多32个字' },
          ]}
        >
          <Input placeholder="例如 李四" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="roles"
          label="岗位（可多选）"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个岗位' }]}
        >
          <Checkbox.Group options={ROLE_OPTIONS} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
