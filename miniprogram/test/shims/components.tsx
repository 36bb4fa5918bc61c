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
  'mode',
  'lazyLoad',
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
export const Input = host('input', 'Input');
export const Label = host('label', 'Label');
export const Block = host('div', 'Block');
