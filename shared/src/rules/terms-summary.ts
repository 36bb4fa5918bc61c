import type { ProductTerms } from '../contracts/catalog.contract.js';
import { formatCnyShort } from '../money/money.js';

/**
 * The product page's highlights: the two or three facts a buyer needs at a glance, read from the
 * version's terms (the numbers are configuration, so they are never written into the copy by hand).
 * The mini-program shows them on the product page; the console's 可回溯 replay shows the same words.
 */
export const summariseTerms = (terms: ProductTerms): string[] => {
  switch (terms.kind) {
    case 'flight_delay': {
      const points = [
        `到达延误≥${terms.delayThresholdMinutes}分钟即赔，无需申请`,
        `赔付档位 ${terms.payoutTiersFen.map(formatCnyShort).join(' / ')}`,
      ];
      if (terms.paysOnCancellation || terms.paysOnDiversion) {
        const causes = [terms.paysOnCancellation && '取消', terms.paysOnDiversion && '备降'].filter(Boolean);
        points.push(`航班${causes.join('、')}同样全额赔付`);
      }
      return points;
    }
    case 'heat':
      return [
        `日最高气温≥${terms.thresholdCelsius}°C 记为高温日`,
        `超过免赔天数后，每个高温日每份赔 ${formatCnyShort(terms.tickPerUnitFen)}`,
        `每份最高赔 ${formatCnyShort(terms.capPerUnitFen)}，可买 ${terms.minUnits}-${terms.maxUnits} 份`,
      ];
    case 'rain':
      return [
        `${terms.windowStart}-${terms.windowEnd} 景区降雨≥${terms.thresholdMm}mm 即赔`,
        `每人赔 ${formatCnyShort(terms.payoutPerPersonFen)}，红包直接到账`,
        `请在游玩前一天 ${terms.saleClosesAtLocalTimeDayBefore} 前投保`,
      ];
  }
};
