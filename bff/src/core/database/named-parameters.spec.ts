import { describe, expect, it } from '@jest/globals';
import { named } from './named-parameters.js';

describe('named parameters', () => {
  it('numbers each distinct name once, in order of first appearance, and keeps casts and literals', () => {
    expect(
      named(
        `UPDATE t SET a = $status::varchar, b = CASE WHEN $status IN ('x') THEN $at::timestamptz END WHERE id = $id`,
        {
          id: 7,
          at: null,
          status: 'arrived',
        },
      ),
    ).toEqual([
      `UPDATE t SET a = $1::varchar, b = CASE WHEN $1 IN ('x') THEN $2::timestamptz END WHERE id = $3`,
      ['arrived', null, 7],
    ]);
  });

  it('refuses a name without a value, a value never used, and positional parameters mixed in', () => {
    expect(() => named(`SELECT $flightNo`, { flighNo: 'MU5101' })).toThrow('no value for the parameter $flightNo');
    expect(() => named(`SELECT $a`, { a: 1, b: 2 })).toThrow('values the statement never uses: b');
    expect(() => named(`SELECT $a, $2`, { a: 1 })).toThrow('takes no positional $n');
  });

  it('leaves a dollar-quoted body alone', () => {
    expect(named(`SELECT $body$ text $body$, $a`, { a: 1 })).toEqual([`SELECT $body$ text $body$, $1`, [1]]);
  });
});
