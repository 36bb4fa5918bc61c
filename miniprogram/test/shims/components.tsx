/**
 * `@tarojs/components` as plain DOM, the way Taro's H5 build renders them. Taro-only props
 * (hoverClass, ...) are dropped so React does not warn about unknown attributes.
 */
import { createElement, type ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode };

const TARO_ONLY_PROPS = new Set([
  'hoverClass',
  'hoverStartTime',
  'hoverStayTime',
  'hoverStopPropagation',
  'scrollY',
  'scrollX',
  'enableFlex',
  'formType',
  'openType',
  'sessionFrom',
  'mode',
  'lazyLoad',
  'scrollIntoView',
  'confirmType',
]);

const host = (tag: string, displayName: string) => {
  const Component = (props: AnyProps) => {
    const domProps: AnyProps = {};
    for (const [key, value] of Object.entries(props)) {
      if (!TARO_ONLY_PROPS.has(key)) domProps[key] = value;
    }
    return createElement(tag, domProps);
  };
  Component.displayName = displayName;
  return Component;
};

export const View = host('div', 'View');
export const Text = host('span', 'Text');
export const Button = host('button', 'Button');
export const Image = host('img', 'Image');
export const ScrollView = host('div', 'ScrollView');
/**
 * Taro's Input reports `{ detail: { value } }` on input, like the weapp and Taro's H5
 * `taro-input-core`; tests type with `fireEvent.input(el, { target: { value } })`.
 */
type InputProps = AnyProps & {
  onInput?: (event: { detail: { value: string } }) => void;
  onConfirm?: (event: { detail: { value: string } }) => void;
  maxlength?: number;
};
export const Input = ({ onInput, onConfirm, maxlength, ...rest }: InputProps) => {
  const domProps: AnyProps = {};
  for (const [key, value] of Object.entries(rest)) {
    if (!TARO_ONLY_PROPS.has(key)) domProps[key] = value;
  }
  return createElement('input', {
    ...domProps,
    maxLength: maxlength,
    onChange: (event: { target: { value: string } }) => onInput?.({ detail: { value: event.target.value } }),
    onKeyDown: (event: { key: string; currentTarget: { value: string } }) => {
      if (event.key === 'Enter') onConfirm?.({ detail: { value: event.currentTarget.value } });
    },
  });
};
export const Label = host('label', 'Label');
export const Block = host('div', 'Block');
