import { describe, expect, it } from '@jest/globals';
import { isFinalBillState, isReofferableBillState, outBillNoOf } from './out-bill-no.js';

describe('transfer bill numbers derived from the claim', () => {
  it('are the claim number and the attempt, the same for every retry of an attempt', () => {
    expect(outBillNoOf('C2611270000000428', 1)).toBe('C2611270000000428A1');
    expect(outBillNoOf('C2611270000000428', 1)).toBe(outBillNoOf('C2611270000000428', 1));
    expect(outBillNoOf('C2611270000000428', 12)).toBe('C2611270000000428A12');
  });

  it('refuse attempts that are not positive integers and numbers WeChat would not accept', () => {
    expect(() => outBillNoOf('C2611270000000428', 0)).toThrow(RangeError);
    expect(() => outBillNoOf('C-261127', 1)).toThrow(RangeError);
    expect(() => outBillNoOf('C'.repeat(31), 1)).toThrow(RangeError);
  });

  it('allow a new number only after FAIL or CANCELLED, never after SUCCESS or while waiting', () => {
    expect(isReofferableBillState('FAIL')).toBe(true);
    expect(isReofferableBillState('CANCELLED')).toBe(true);
    for (const state of [
      'SUCCESS',
      'WAIT_USER_CONFIRM',
      'ACCEPTED',
      'PROCESSING',
      'TRANSFERING',
      'CANCELING',
      'CREATING',
    ]) {
      expect(isReofferableBillState(state)).toBe(false);
    }
    expect(isFinalBillState('SUCCESS')).toBe(true);
    expect(isFinalBillState('CANCELING')).toBe(false);
  });
});
