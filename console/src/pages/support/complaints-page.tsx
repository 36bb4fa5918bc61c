import { useQuery } from '@tanstack/react-query';
import type { Complaint } from '@xiaoan/shared';
import { Alert, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error.js';
import { formatTime } from '../../format-time.js';
import { supportApi } from './support-api.js';

const CLOCK: Record<Complaint['clock'], { label: string; color: string }> = {
  on_time: { label: '处理中', color: 'blue' },
  due_soon: { label: '即将到期', color: 'orange' },
  overdue: { label: '已超期', color: 'red' },
  closed: { label: '已办结', color: 'green' },
};
const TRACK: Record<Complaint['track'], string> = {
  standard: '15 日',
  complex: '30 日（复杂）',
  extended: '60 日（已延期）',
};

/** Complaint tickets and their regulatory clock (compliance row 6), nearest deadline first. */
export function ComplaintsPage() {
  const [state, setState] = useState('open');
  const list = useQuery({ queryKey: ['complaints', state], queryFn: () => supportApi.complaints(state) });
  return (
    <Card
      title="投诉工单"
      extra={
        <Segmented
          value={state}
          onChange={(value) => setState(String(value))}
          options={[
            { value: 'open', label: '处理中' },
            { value: 'due_soon', label: '即将到期' },
            { value: 'overdue', label: '已超期' },
            { value: 'closed', label: '已办结' },
          ]}
        />
      }
    >
      {list.error ? <Alert type="error" message={describeError(list.error)} /> : null}
      <Table<Complaint>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '没有投诉工单' }}
        columns={[
          { title: '摘要', dataIndex: 'summary' },
          { title: '时限', dataIndex: 'track', render: (track: Complaint['track']) => TRACK[track] },
          { title: '受理时间', dataIndex: 'acceptedAt', render: formatTime },
          { title: '答复期限', dataIndex: 'deadline', render: formatTime },
          { title: '剩余天数', dataIndex: 'daysLeft' },
          {
            title: '状态',
            dataIndex: 'clock',
            render: (clock: Complaint['clock']) => <Tag color={CLOCK[clock].color}>{CLOCK[clock].label}</Tag>,
          },
          { title: '处理结果', dataIndex: 'outcome', render: (outcome: string | null) => outcome ?? '—' },
        ]}
      />
    </Card>
  );
}
