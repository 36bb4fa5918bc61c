import { Text, View } from '@tarojs/components';
import type { WeatherPlace } from '@xiaoan/shared';
import './place-picker.scss';

export interface PlacePickerProps {
  places: readonly WeatherPlace[];
  selected: string | null;
  onSelect: (place: WeatherPlace) => void;
  /** Lines under the name: 免赔 3 天 / 近年平均 23 个高温日, or the spot's city. */
  detailsOf: (place: WeatherPlace) => string[];
}

/**
 * A grid of cities (HEAT37) or scenic spots (RAIN). Each tile carries `city-option[data-city]` or
 * `spot-option[data-spot]` with its `--selected` state: hooks the browser test relies on.
 */
export function PlacePicker({ places, selected, onSelect, detailsOf }: PlacePickerProps) {
  return (
    <View className="place-grid" role="radiogroup">
      {places.map((place) => {
        const kind = place.kind === 'city' ? 'city' : 'spot';
        const isSelected = place.code === selected;
        const data = kind === 'city' ? { 'data-city': place.code } : { 'data-spot': place.code };
        return (
          <View
            key={place.code}
            className={`place-option ${kind}-option${isSelected ? ` place-option--selected ${kind}-option--selected` : ''}`}
            role="radio"
            aria-checked={isSelected ? 'true' : 'false'}
            {...data}
            onClick={() => onSelect(place)}
          >
            <Text className="place-option__name">{place.name}</Text>
            {detailsOf(place).map((line) => (
              <Text key={line} className="place-option__detail">
                {line}
              </Text>
            ))}
            {isSelected ? <Text className="place-option__check">✓</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
