import { Alert, Modal, Typography } from 'antd';

export interface OneTimePassword {
  username: string;
  password: string;
  reason: 'created' | 'reset';
}

interface OneTimePasswordModalProps {
  value: OneTimePassword | null;
  onClose: () => void;
}

/** Shown once: the BFF keeps only the hash, so closing this is the last chance to copy it. */
export function OneTimePasswordModal({ value, onClose }: OneTimePasswordModalProps) {
  return (
    <Modal
      open={value !== null}
      title={value?.reason === 'reset' ? '密码已重置' : '员工账号已创建'}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      {value ? (
        <>
          <Typography.Paragraph>
            账号 <Typography.Text strong>{value.username}</Typography.Text> 的一次性密码：
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="one-time-password">
              {value.password}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            message="此密码只显示这一次，请当面或通过安全渠道交给本人。对方首次登录后必须设置自己的新密码。"
          />
        </>
      ) : null}
    </Modal>
  );
}
