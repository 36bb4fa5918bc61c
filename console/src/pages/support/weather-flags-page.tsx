import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WeatherReviewFlag } from '@xiaoan/shared';
import { App, Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { beijingTime } from '../../features/support/labels.js';
import { QueryState } from '../../features/support/query-state.js';
import { ReasonModal } from '../../features/support/reason-modal.js';
import { supportApi } from '../../features/support/support-api.js';

const unitOf = (flag: WeatherReviewFlag) => (flag.kind === 'daily_max' ? '°C' : '毫米');

/** 气象数据更正: readings corrected after settlement (never clawed back); record what was decided. */
export function WeatherFlagsPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(true);
  const flags = useQuery({
    queryKey: ['support', 'weather-flags', open],
    queryFn: () => supportApi.weatherFlags(open),
    retry: false,
  });
  const [resolving, setResolving] = useState<WeatherReviewFlag | null>(null);

  const resolve = async (resolution: string) => {
    if (!resolving) return;
    await supportApi.resolveWeatherFlag(resolving.id, resolution);
    message.success('已记录处理结果');
    setResolving(null);
    await queryClient.invalidateQueries({ queryKey: ['support', 'weather-flags'] });
  };

  return (
    <Card
      title="气象数据更正复核"
      extra={
        <Segmented
          options={[
            { value: 'open', label: '待处理' },
            { value: 'resolved', label: '已处理' },
          ]}
          value={open ? 'open' : 'resolved'}
          onChange={(value) => setOpen(value === 'open')}
        />
      }
    >
      <QueryState
        isLoading={flags.isLoading}
        error={flags.error}
        isEmpty={flags.data?.items.length === 0}
        emptyText={open ? '没有待处理的更正' : '暂无已处理的更正'}
        onRetry={() => void flags.refetch()}
      >
        <Table<WeatherReviewFlag>
          rowKey="id"
          dataSource={flags.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '地点', dataIndex: 'placeName' },
            {
              title: '类型',
              dataIndex: 'kind',
              render: (kind: WeatherReviewFlag['kind']) =>
                kind === 'daily_max' ? <Tag color="red">日最高气温</Tag> : <Tag color="blue">小时降水</Tag>,
            },
            { title: '日期', dataIndex: 'readingDate' },
            { title: '结算时数值', key: 'settled', render: (_, flag) => `${flag.settledValue} ${unitOf(flag)}` },
            { title: '更正后数值', key: 'corrected', render: (_, flag) => `${flag.correctedValue} ${unitOf(flag)}` },
            { title: '涉及保单', dataIndex: 'policiesAffected' },
            { title: '说明', dataIndex: 'note' },
            { title: '发现时间', dataIndex: 'createdAt', render: beijingTime },
            open
              ? {
                  title: '',
                  key: 'resolve',
                  render: (_, flag) => (
                    <Button size="small" onClick={() => setResolving(flag)}>
                      记录处理结果
                    </Button>
                  ),
                }
              : { title: '处理结果', dataIndex: 'resolution' },
          ]}
        />
      </QueryState>
      <ReasonModal
        open={resolving !== null}
        title="记录处理结果"
        okText="保存"
        description={
          resolving
            ? `${resolving.placeName} ${resolving.readingDate}：已结算的数值不会追回，请记录核查与处理情况（如另行通融赔付）。`
            : null
        }
        onCancel={() => setResolving(null)}
        onSubmit={resolve}
      />
    </Card>
  );
}
