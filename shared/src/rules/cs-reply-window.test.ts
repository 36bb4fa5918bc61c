import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { afterUserAction, csReplyVerdict, csWindowSecondsLeft, NO_CS_ALLOWANCE } from './cs-reply-window.js';

const H = 3600_000;

describe('customer-service reply window', () => {
  it('allows five replies within 48 hours of the user message and refuses the sixth', () => {
    let allowance = afterUserAction(NO_CS_ALLOWANCE, 'message', 0);
    for (let i = 0; i < 5; i += 1) {
      const verdict = csReplyVerdict(allowance, H);
      assert.equal(verdict.ok, true);
      allowance = { ...allowance, remaining: verdict.ok ? verdict.remainingAfter : 0 };
    }
    assert.deepEqual(csReplyVerdict(allowance, H), { ok: false, reason: 'quota_used' });
  });

  it('closes the window 48 hours after the last message, and a new message reopens it with five replies', () => {
    const first = afterUserAction(NO_CS_ALLOWANCE, 'message', 0);
    assert.deepEqual(csReplyVerdict(first, 48 * H + 1), { ok: false, reason: 'window_closed' });
    const spent = { ...first, remaining: 0 };
    const again = afterUserAction(spent, 'message', 10 * H);
    assert.equal(again.remaining, 5);
    assert.equal(again.deadlineMs, 58 * H);
  });

  it('gives two replies for one minute when the user only enters the chat, without shrinking a message window', () => {
    const entered = afterUserAction(NO_CS_ALLOWANCE, 'enter', 0);
    assert.deepEqual(entered, { deadlineMs: 60_000, remaining: 2 });
    assert.equal(csWindowSecondsLeft(entered, 30_000), 30);
    const wrote = afterUserAction(NO_CS_ALLOWANCE, 'message', 0);
    const enteredLater = afterUserAction({ ...wrote, remaining: 4 }, 'enter', H);
    assert.deepEqual(enteredLater, { deadlineMs: 48 * H, remaining: 4 });
  });
});
