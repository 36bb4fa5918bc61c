import { Text, View } from '@tarojs/components';
import './unit-stepper.scss';

export interface UnitStepperProps {
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** The counting word after the number: 份, 人. */
  unit: string;
  /** A modifier on the root, e.g. `persons-stepper`. */
  className?: string;
  /** What −/+ change, for screen readers: 份数, 人数. */
  label: string;
}

/** − n + with hard bounds: taps beyond `min`/`max` do nothing, and the buttons say so. */
export function UnitStepper({ value, min, max, onChange, unit, className, label }: UnitStepperProps) {
  const canLess = value > min;
  const canMore = value < max;
  const step = (delta: number) => {
    const next = Math.min(max, Math.max(min, value + delta));
    if (next !== value) onChange(next);
  };
  return (
    <View className={`unit-stepper${className ? ` ${className}` : ''}`} data-min={min} data-max={max}>
      <View
        className={`unit-stepper__minus${canLess ? '' : ' unit-stepper__button--disabled'}`}
        role="button"
        aria-label={`减少${label}`}
        aria-disabled={canLess ? 'false' : 'true'}
        onClick={() => step(-1)}
      >
        −
      </View>
      <View className="unit-stepper__display">
        <Text className="unit-stepper__value">{value}</Text>
        <Text className="unit-stepper__unit">{unit}</Text>
      </View>
      <View
        className={`unit-stepper__plus${canMore ? '' : ' unit-stepper__button--disabled'}`}
        role="button"
        aria-label={`增加${label}`}
        aria-disabled={canMore ? 'false' : 'true'}
        onClick={() => step(1)}
      >
        +
      </View>
    </View>
  );
}
