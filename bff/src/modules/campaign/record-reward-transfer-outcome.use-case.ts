import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RewardBillRepository } from './reward-bill.repository.js';

/**
 * WeChat Pay's transfer notification for a campaign reward's bill (scene 1000). The payout module
 * receives every transfer notification, checks it against the bill it names and records it; for a
 * reward's bill it asks this module for the bill and to apply the new state, in its transaction.
 */
@Injectable()
export class RecordRewardTransferOutcomeUseCase {
  constructor(private readonly bills: RewardBillRepository) {}

  /** What the notification is checked against: the amount and the payee; undefined when no reward has the bill. */
  async bill(outBillNo: string, manager: EntityManager): Promise<{ amount_fen: number; openid: string } | undefined> {
    return this.bills.find(outBillNo, manager);
  }

  /** Final states are sticky; SUCCESS pays the reward, FAIL / CANCELLED of its current attempt make it collectable again. */
  async execute(
    update: { outBillNo: string; state: string; transferBillNo?: string | undefined; failReason?: string | undefined },
    manager: EntityManager,
  ): Promise<void> {
    await this.bills.applyState(update, manager);
  }
}
