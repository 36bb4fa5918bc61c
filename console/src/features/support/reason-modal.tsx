import { Alert, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  /** What will happen, in words the agent confirms (amount, policy…). */
  description: ReactNode;
  okText: string;
  danger?: boolean;
  onCancel: () => void;
  /** Resolves when done; a rejection shows its message in the modal. */
  onSubmit: (reason: string) => Promise<void>;
}

/** Every action of the desk states its reason (kept in the audit log) and is confirmed here. */
export function ReasonModal({ open, title, description, okText, danger, onCancel, onSubmit }: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(reason.trim());
      form.resetFields();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger: danger ?? false, loading: submitting, 'data-testid': 'reason-modal-ok' } as never}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      destroyOnHidden
    >
      <div style={{ marginBottom: 12 }}>{description}</div>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="原因（将记入审计日志）"
          rules={[
            { required: true, message: '请填写原因' },
            { min: 2, message: '原因至少2个字' },
            { max: 200, message: '原因最多200字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error} data-testid="reason-modal-error" /> : null}
    </Modal>
  );
}
