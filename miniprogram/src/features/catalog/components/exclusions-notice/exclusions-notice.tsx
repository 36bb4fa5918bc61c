import { Text, View } from '@tarojs/components';
import './exclusions-notice.scss';

export interface ExclusionsNoticeProps {
  exclusions: string[];
}

/**
 * 免责条款, highlighted as the regulator requires (compliance.md row 1): a distinct box and a
 * bold title, never folded away.
 */
export function ExclusionsNotice({ exclusions }: ExclusionsNoticeProps) {
  return (
    <View className="exclusions">
      <View className="exclusions__title">
        <Text className="exclusions__badge">!</Text>
        <Text>免责条款（请重点阅读）</Text>
      </View>
      <View className="exclusions__list">
        {exclusions.map((text, index) => (
          <View key={index} className="exclusions__item">
            <Text className="exclusions__index">{index + 1}.</Text>
            <Text className="exclusions__text">{text}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
