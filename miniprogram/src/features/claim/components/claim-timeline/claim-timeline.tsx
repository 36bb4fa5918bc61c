import { Text, View } from '@tarojs/components';
import type { ClaimTimelineEntry } from '@xiaoan/shared';
import { formatShanghaiTimelineTime } from '../../../../utils/shanghai-date';
import './claim-timeline.scss';

export interface ClaimTimelineProps {
  entries: readonly ClaimTimelineEntry[];
}

/** The claim's evidence trail, oldest first, the latest step highlighted. Times in Beijing time. */
export function ClaimTimeline({ entries }: ClaimTimelineProps) {
  const ordered = [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (ordered.length === 0) {
    return <Text className="claim-timeline__empty">理赔记录生成中…</Text>;
  }
  return (
    <View className="claim-timeline">
      {ordered.map((entry, index) => {
        const latest = index === ordered.length - 1;
        return (
          <View
            key={`${entry.at}-${index}`}
            className={`claim-timeline__item${latest ? ' claim-timeline__item--latest' : ''}`}
          >
            <View className="claim-timeline__rail">
              <View className="claim-timeline__dot" />
              {latest ? null : <View className="claim-timeline__line" />}
            </View>
            <View className="claim-timeline__content">
              <Text className="claim-timeline__title">{entry.title}</Text>
              {entry.detail ? <Text className="claim-timeline__detail">{entry.detail}</Text> : null}
              <Text className="claim-timeline__time">{formatShanghaiTimelineTime(entry.at)}</Text>
            </View>
          </View>
        );
      })}
    </View>
  );
}
