import { ScrollView, Text, View } from '@tarojs/components';
import { addDays, describeLocalDate } from '../../../../utils/shanghai-date';
import './date-strip.scss';

const RELATIVE_DAY = ['今天', '明天', '后天'];

export interface DateStripProps {
  /** `YYYY-MM-DD`, in order. */
  dates: readonly string[];
  selected: string;
  onSelect: (date: string) => void;
  /** Beijing today: the first three days read 今天 / 明天 / 后天 instead of a weekday. */
  today: string;
  className?: string;
}

/** A row of day chips that scrolls sideways: the departure date, the visit date. */
export function DateStrip({ dates, selected, onSelect, today, className }: DateStripProps) {
  return (
    <ScrollView className={`date-strip${className ? ` ${className}` : ''}`} scrollX scrollIntoView={`date-${selected}`}>
      {dates.map((date) => {
        const { label, weekday } = describeLocalDate(date);
        const relative = RELATIVE_DAY.findIndex((_, offset) => addDays(today, offset) === date);
        return (
          <View
            key={date}
            id={`date-${date}`}
            className={`date-option${date === selected ? ' date-option--selected' : ''}`}
            data-date={date}
            onClick={() => onSelect(date)}
          >
            <Text className="date-option__weekday">{relative >= 0 ? RELATIVE_DAY[relative] : weekday}</Text>
            <Text className="date-option__day">{label}</Text>
          </View>
        );
      })}
    </ScrollView>
  );
}
