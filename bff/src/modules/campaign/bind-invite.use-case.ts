import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { parseInviteCode } from './domain/invite-code.js';
import { InviteRepository, type BindOutcome } from './invite.repository.js';

export type { BindOutcome };

/**
 * A login that arrived through a share: its new customer is bound to the code's owner, once. The
 * identity module calls this inside the login's transaction (the customer's row is locked there).
 */
@Injectable()
export class BindInviteUseCase {
  constructor(private readonly invites: InviteRepository) {}

  /** null when the login carried no well-formed invite code (nothing to bind, nothing to log). */
  async execute(
    manager: EntityManager,
    input: {
      inviteeId: string;
      isNewCustomer: boolean;
      inviteCode: string | undefined;
      sharePath: string | null;
      scene: number | null;
    },
  ): Promise<BindOutcome | null> {
    const code = parseInviteCode(input.inviteCode);
    if (!code) return null;
    return this.invites.bind(manager, {
      inviteeId: input.inviteeId,
      isNewCustomer: input.isNewCustomer,
      code,
      sharePath: input.sharePath,
      scene: input.scene,
    });
  }
}
