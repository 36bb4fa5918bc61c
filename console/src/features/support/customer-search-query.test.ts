import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryStringOf } from '../../api/api-client.js';
import { customerSearchQueryOf } from './customer-search-query.js';
import { beijingTime } from './labels.js';

test('asks the BFF one way of finding at a time, as typed but tidied', () => {
  assert.equal(
    queryStringOf(customerSearchQueryOf('policyNo', { value: ' P2612040000000015 ' })),
    '?policyNo=P2612040000000015',
  );
  assert.equal(queryStringOf(customerSearchQueryOf('phone', { value: '139 1234 0009' })), '?phone=13912340009');
  assert.equal(
    queryStringOf(
      customerSearchQueryOf('nameAndFlight', { value: '李*龙', flightNo: ' mu5101', flightDate: '2026-12-10' }),
    ),
    '?nameMasked=%E6%9D%8E*%E9%BE%99&flightNo=MU5101&flightDate=2026-12-10',
  );
});

test('shows times in Beijing time whatever the agent machine is set to', () => {
  assert.equal(beijingTime('2026-12-04T16:30:05.000Z'), '2026-12-05 00:30:05');
  assert.equal(beijingTime(null), '—');
});
