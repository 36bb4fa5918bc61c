/**
 * The transfer bill number of a claim's n-th payout attempt: the claim number, 'A', the attempt.
 * Derived, never random: a retry of attempt n can only ever reach WeChat under the same number (and
 * WeChat answers the same bill), so it cannot pay twice. Letters and digits, at most 32 characters.
 */
export const outBillNoOf = (claimNo: string, attempt: number): string => {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be a positive integer: ${attempt}`);
  const outBillNo = `${claimNo}A${attempt}`;
  if (!/^[A-Za-z0-9]{1,32}$/.test(outBillNo)) throw new RangeError(`not a valid out_bill_no: ${outBillNo}`);
  return outBillNo;
};

/** WeChat's final bill states: only after FAIL or CANCELLED may a new number be used. */
export const FINAL_BILL_STATES = ['SUCCESS', 'FAIL', 'CANCELLED'] as const;
export const isFinalBillState = (state: string): boolean => (FINAL_BILL_STATES as readonly string[]).includes(state);
/**
 * Our own state for a bill WeChat refused as malformed (e.g. PARAM_ERROR) and, when asked, does not
 * hold: it never existed there, so a new number cannot pay twice.
 */
export const ABANDONED_BILL_STATE = 'ABANDONED';
/** The bill ended without paying: the claim can be collected again under attempt + 1. */
export const isReofferableBillState = (state: string): boolean =>
  state === 'FAIL' || state === 'CANCELLED' || state === ABANDONED_BILL_STATE;
