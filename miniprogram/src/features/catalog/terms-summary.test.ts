import { describe, expect, it } from '@jest/globals';
import { theCatalogue } from '../../../test/support/product.builder';
import { summariseTerms } from './terms-summary';

const termsOf = (code: string) => theCatalogue().find((p) => p.code === code)!.currentVersion.terms;

describe('summariseTerms', () => {
  it('states the delay threshold and payout tiers of a flight-delay version', () => {
    expect(summariseTerms(termsOf('FD60'))).toEqual([
      '到达延误≥60分钟即赔，无需申请',
      '赔付档位 ¥100 / ¥200 / ¥300',
      '航班取消、备降同样全额赔付',
    ]);
  });

  it('states the rain window, threshold and payout per person', () => {
    expect(summariseTerms(termsOf('RAIN'))[0]).toBe('09:00-17:00 景区降雨≥2mm 即赔');
    expect(summariseTerms(termsOf('RAIN'))[1]).toBe('每人赔 ¥10，红包直接到账');
  });
});
