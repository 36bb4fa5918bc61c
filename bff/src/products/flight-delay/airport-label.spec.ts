import { describe, expect, it } from '@jest/globals';
import { airportLabel } from './flight-delay.product.js';

describe('the e-policy names an airport once', () => {
  it('does not put the city in front of a name that already starts with it', () => {
    expect(airportLabel({ city: '上海', name: '上海虹桥国际机场' })).toBe('上海虹桥国际机场');
  });

  it('adds the city to a name that does not say it', () => {
    expect(airportLabel({ city: '成都', name: '天府国际机场' })).toBe('成都天府国际机场');
  });
});
