import { describe, expect, it } from '@jest/globals';
import { render } from '@testing-library/react';
import { freezeClock, freezeClockInEachTest } from '../../../../../test/support/clock';
import { ClaimTimeline } from './claim-timeline';

freezeClockInEachTest();

describe('claim timeline', () => {
  it('lists the steps oldest first, dating those of another year with the year', () => {
    freezeClock('2026-12-04T10:00:00+08:00');
    const { container } = render(
      <ClaimTimeline
        entries={[
          { at: '2027-07-03T08:00:00+08:00', title: '累计补贴', detail: '已累计 ¥5.00' },
          { at: '2026-11-28T10:00:00+08:00', title: '投保成功' },
          { at: '2027-07-02T15:00:00+08:00', title: '第 2 个高温日' },
        ]}
      />,
    );

    const items = Array.from(container.querySelectorAll('.claim-timeline__item'));
    expect(items.map((item) => item.querySelector('.claim-timeline__title')?.textContent)).toEqual([
      '投保成功',
      '第 2 个高温日',
      '累计补贴',
    ]);
    expect(items.map((item) => item.querySelector('.claim-timeline__time')?.textContent)).toEqual([
      '11月28日 10:00',
      '2027年7月2日 15:00',
      '2027年7月3日 08:00',
    ]);
  });
});
