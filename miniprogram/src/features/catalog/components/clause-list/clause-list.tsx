import { Text, View } from '@tarojs/components';
import type { Clause } from '@xiaoan/shared';
import { useState } from 'react';
import './clause-list.scss';

export interface ClauseListProps {
  clauses: Clause[];
}

/** 条款, one foldable section per clause; the first is open so the page never looks empty. */
export function ClauseList({ clauses }: ClauseListProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set([0]));

  const toggle = (index: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    <View className="clauses">
      {clauses.map((clause, index) => {
        const isOpen = open.has(index);
        return (
          <View key={index} className={`clause${isOpen ? ' clause--open' : ''}`}>
            <View className="clause__header" onClick={() => toggle(index)}>
              <Text className="clause__title">{clause.title}</Text>
              <Text className="clause__chevron">{isOpen ? '收起' : '展开'}</Text>
            </View>
            {isOpen ? <Text className="clause__body">{clause.body}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
