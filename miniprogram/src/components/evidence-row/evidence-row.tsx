import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './evidence-row.scss';

export interface EvidenceRowProps {
  label: string;
  /** The rule the claim was decided by, set in bold. */
  rule?: boolean;
  children: ReactNode;
}

/** One labelled fact under a claim's evidence: 赔付条件, 数据来源, 参考气象站 … */
export function EvidenceRow({ label, rule = false, children }: EvidenceRowProps) {
  return (
    <View className="evidence-row">
      <Text className="evidence-row__label">{label}</Text>
      <Text className={`evidence-row__value${rule ? ' evidence-row__value--rule' : ''}`}>{children}</Text>
    </View>
  );
}
