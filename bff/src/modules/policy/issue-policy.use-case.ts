import { Injectable } from '@nestjs/common';
import type { Transaction } from '../../core/database/unit-of-work.js';
import {
  PolicyRepository,
  type FlightPolicyToIssue,
  type IssuedPolicy,
  type WeatherPolicyToIssue,
} from './policy.repository.js';

export type { FlightPolicyToIssue, IssuedPolicy, WeatherPolicyToIssue } from './policy.repository.js';

/**
 * Issuing, as the policy module owns it: order settlement (one order, or a group of them) decides
 * that paid orders become policies and calls this inside its own transaction. Each call is one
 * statement for all the rows given; a row the one-policy-per-insured rule refuses is missing from
 * the answer, and the caller refunds its order.
 */
@Injectable()
export class IssuePolicyUseCase {
  constructor(private readonly policies: PolicyRepository) {}

  flight(tx: Pick<Transaction, 'manager'>, rows: FlightPolicyToIssue[], issuedAt: Date): Promise<IssuedPolicy[]> {
    return this.policies.insertFlightPolicies(tx.manager, rows, issuedAt);
  }

  weather(tx: Pick<Transaction, 'manager'>, rows: WeatherPolicyToIssue[], issuedAt: Date): Promise<IssuedPolicy[]> {
    return this.policies.insertWeatherPolicies(tx.manager, rows, issuedAt);
  }

  /** Policies written earlier in this transaction whose capacity ran out: they are not issued after all. */
  withdraw(tx: Pick<Transaction, 'manager'>, policyIds: string[]): Promise<void> {
    return this.policies.withdrawUnissued(tx.manager, policyIds);
  }
}
