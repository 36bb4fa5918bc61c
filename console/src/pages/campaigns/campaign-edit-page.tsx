import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffCampaign } from '@xiaoan/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, describeError } from '../../api/api-error.js';
import { campaignApi } from '../../features/campaign/campaign-api.js';
import {
  ALLOWED_TRIGGERS,
  BENEFICIARY_LABELS,
  fieldErrorsOf,
  fieldLabelOf,
  FORBIDDEN_TRIGGERS,
  REWARD_KIND_LABELS,
  toDefinition,
  toFormValues,
  TRIGGER_LABELS,
  violationsOf,
  type CampaignFormValues,
} from '../../features/campaign/campaign-form.js';
import type { ComplianceViolation } from '@xiaoan/shared';

type FormShape = Omit<CampaignFormValues, 'window'> & { window: [Dayjs, Dayjs] };

const TRIGGER_OPTIONS = [
  {
    label: '好友自己的参与（与购买无关）',
    options: ALLOWED_TRIGGERS.map((t) => ({ value: t, label: TRIGGER_LABELS[t] })),
  },
  {
    label: '以下方式不合规，提交审核时会被拒绝',
    options: FORBIDDEN_TRIGGERS.map((t) => ({ value: t, label: `${TRIGGER_LABELS[t]}（不合规）` })),
  },
];

const NEW_CAMPAIGN: FormShape = {
  name: '',
  window: [dayjs().startOf('minute'), dayjs().add(30, 'day').startOf('minute')],
  budgetYuan: 1000,
  rulesText: '',
  shareTitle: '',
  shareImageUrl: '',
  pendingDays: 3,
  rewardRules: [{ trigger: 'friend_read_terms', beneficiary: 'inviter', kind: 'cash', amountYuan: 5, points: null }],
};

const toShape = (campaign: StaffCampaign): FormShape => {
  const values = toFormValues(campaign.definition);
  return { ...values, window: [dayjs(values.window[0]), dayjs(values.window[1])] };
};

/** Write or rewrite a draft, and send it to review; a refusal shows each broken rule next to its field. */
export function CampaignEditPage() {
  const { id: routeId } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const [id, setId] = useState<string | undefined>(routeId);
  const [saving, setSaving] = useState<'save' | 'submit' | null>(null);
  const [violations, setViolations] = useState<ComplianceViolation[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const existing = useQuery({
    queryKey: ['campaigns', routeId],
    queryFn: () => campaignApi.get(routeId!),
    enabled: routeId !== undefined,
    retry: false,
  });

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toShape(existing.data));
  }, [existing.data, form]);

  const save = async (then: 'save' | 'submit') => {
    let shape: FormShape;
    try {
      shape = await form.validateFields();
    } catch {
      return;
    }
    setSaving(then);
    setViolations([]);
    setFailure(null);
    const definition = toDefinition(
      { ...shape, window: [shape.window[0].toISOString(), shape.window[1].toISOString()] },
      existing.data ? { caps: existing.data.definition.caps } : undefined,
    );
    try {
      const saved = id ? await campaignApi.update(id, definition) : await campaignApi.create(definition);
      setId(saved.id);
      if (then === 'save') {
        message.success('草稿已保存');
      } else {
        await campaignApi.submit(saved.id);
        message.success('已提交审核，等待管理员批准');
      }
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      void navigate(`/campaigns/${saved.id}`);
    } catch (error) {
      const refused =
        error instanceof ApiError && error.code === 'CAMPAIGN_NOT_COMPLIANT' ? violationsOf(error.details) : [];
      if (refused.length > 0) {
        setViolations(refused);
        form.setFields(fieldErrorsOf(refused) as never);
      } else {
        setFailure(describeError(error));
      }
    } finally {
      setSaving(null);
    }
  };

  if (routeId && existing.isLoading) return <Skeleton active />;
  if (routeId && existing.error)
    return <Alert type="error" showIcon message="活动加载失败" description={describeError(existing.error)} />;
  if (existing.data && existing.data.status !== 'draft') {
    return (
      <Alert
        type="warning"
        showIcon
        message="只有草稿可以修改"
        description="已提交、已发布或已结束的活动不能再改；已发布的版本会永久存档。"
      />
    );
  }

  return (
    <Card title={id ? '修改活动草稿' : '新建活动'} data-testid="campaign-form-card">
      {violations.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="compliance-refusal"
          style={{ marginBottom: 16 }}
          message="合规检查未通过，请按提示修改后再提交"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {violations.map((v) => (
                <li key={`${v.field}-${v.code}`} data-field={v.field}>
                  <strong>{fieldLabelOf(v.field)}</strong>：{v.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {failure ? (
        <Alert type="error" showIcon message="保存失败" description={failure} style={{ marginBottom: 16 }} />
      ) : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="活动红线"
        description="奖励不得与购买、支付或出单挂钩；不得因分享本身、分享到朋友圈或好友仅打开卡片给奖励；奖励须固定并在规则中写明；用户参与前须能看到完整规则。"
      />
      <Form<FormShape>
        form={form}
        layout="vertical"
        initialValues={NEW_CAMPAIGN}
        data-testid="campaign-form"
        style={{ maxWidth: 860 }}
      >
        <Form.Item
          name="name"
          label="活动名称"
          rules={[
            { required: true, whitespace: true, message: '请填写活动名称' },
            { max: 64, message: '最多64字' },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="window"
          label="活动时间"
          extra="按本机时区选择（在中国即北京时间）；列表与详情按北京时间显示"
          rules={[{ required: true, message: '请选择活动时间' }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="budgetYuan"
          label="活动预算（元）"
          extra="发放总额不会超过预算"
          rules={[{ required: true, message: '请填写预算' }]}
        >
          <InputNumber min={0} max={1_000_000} precision={2} addonAfter="元" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item
          name="rulesText"
          label="活动规则（用户参与前完整展示）"
          extra="写明参与条件、每项奖励的固定金额或积分、观察期与领取方式"
          rules={[
            { required: true, whitespace: true, message: '请填写活动规则' },
            { max: 5000, message: '最多5000字' },
          ]}
        >
          <Input.TextArea rows={6} maxLength={5000} showCount />
        </Form.Item>
        <Space size="large" align="start" wrap>
          <Form.Item
            name="shareTitle"
            label="分享卡片标题"
            rules={[
              { required: true, whitespace: true, message: '请填写卡片标题' },
              { max: 64, message: '最多64字' },
            ]}
          >
            <Input maxLength={64} style={{ width: 360 }} />
          </Form.Item>
          <Form.Item
            name="shareImageUrl"
            label="分享卡片图片地址"
            extra="建议 5:4，https 图片地址"
            rules={[{ max: 512, message: '最多512字' }]}
          >
            <Input style={{ width: 360 }} placeholder="https://" />
          </Form.Item>
        </Space>
        <Form.Item name="pendingDays" label="观察期（天）" extra="奖励发放后先观察，期满才能领取（防作弊）">
          <InputNumber min={0} max={30} precision={0} style={{ width: 120 }} />
        </Form.Item>

        <Typography.Title level={5}>奖励规则</Typography.Title>
        <Form.List name="rewardRules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`奖励规则 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  data-testid={`reward-rule-${index}`}
                  extra={
                    fields.length > 1 ? (
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    ) : null
                  }
                >
                  <Form.Item
                    name={[field.name, 'trigger']}
                    label="触发条件（受邀好友的行为）"
                    rules={[{ required: true, message: '请选择触发条件' }]}
                  >
                    <Select
                      options={TRIGGER_OPTIONS}
                      style={{ maxWidth: 420 }}
                      data-testid={`reward-trigger-${index}`}
                    />
                  </Form.Item>
                  <Space size="large" wrap align="start">
                    <Form.Item name={[field.name, 'beneficiary']} label="奖励给">
                      <Select
                        style={{ width: 140 }}
                        options={Object.entries(BENEFICIARY_LABELS).map(([value, label]) => ({ value, label }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} label="奖励">
                      <Select
                        style={{ width: 180 }}
                        options={(['cash', 'points'] as const).map((value) => ({
                          value,
                          label: REWARD_KIND_LABELS[value],
                        }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {({ getFieldValue }) =>
                        getFieldValue(['rewardRules', field.name, 'kind']) === 'points' ? (
                          <Form.Item
                            name={[field.name, 'points']}
                            label="积分（固定）"
                            rules={[{ required: true, message: '请填写积分' }]}
                          >
                            <InputNumber min={1} max={100_000} precision={0} style={{ width: 160 }} />
                          </Form.Item>
                        ) : (
                          <Form.Item
                            name={[field.name, 'amountYuan']}
                            label="红包金额（固定，元）"
                            rules={[{ required: true, message: '请填写金额' }]}
                          >
                            <InputNumber min={0.1} max={200} precision={2} addonAfter="元" style={{ width: 180 }} />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {fields.length < 10 ? (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      trigger: 'friend_enable_claim_reminders',
                      beneficiary: 'inviter',
                      kind: 'points',
                      points: 100,
                    })
                  }
                  style={{ marginBottom: 24 }}
                >
                  添加奖励规则
                </Button>
              ) : null}
            </>
          )}
        </Form.List>

        <Space>
          <Button
            onClick={() => void save('save')}
            loading={saving === 'save'}
            disabled={saving !== null}
            data-testid="save-draft"
          >
            保存草稿
          </Button>
          <Button
            type="primary"
            onClick={() => void save('submit')}
            loading={saving === 'submit'}
            disabled={saving !== null}
            data-testid="submit-campaign"
          >
            保存并提交审核
          </Button>
          <Button onClick={() => void navigate(id ? `/campaigns/${id}` : '/campaigns')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
