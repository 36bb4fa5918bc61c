import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobQueue } from '../../core/jobs/job-queue.js';
import { UnlimitedCodeClient } from '../../integrations/wechat/unlimited-code.client.js';
import { POSTER_PAGE, posterSceneOf } from './domain/poster-image.js';
import { InvitePosterRepository } from './invite-poster.repository.js';
import { PosterComposer } from './poster/poster-composer.js';

export const POSTER_QUEUE = 'campaign.make-invite-poster';

/**
 * The invite poster is made once per invite code, ahead of time: a job queued when the code is
 * first handed out fetches the mini-program code (getwxacodeunlimit, scene `ic=CODE`) and stores
 * the composed PNG. Views read the stored bytes; only a view that races ahead of the job makes it
 * (once: concurrent makers of one code are folded into one call per process, and the row is written once).
 */
@Injectable()
export class MakeInvitePosterUseCase implements OnModuleInit {
  private readonly logger = new Logger('InvitePoster');
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly posters: InvitePosterRepository,
    private readonly codes: UnlimitedCodeClient,
    private readonly jobs: JobQueue,
    private readonly composer: PosterComposer,
  ) {}

  onModuleInit(): void {
    this.jobs.define({ name: POSTER_QUEUE, retryLimit: 10, retryDelay: 30, retryBackoff: true });
    this.jobs.handle<{ inviteCode: string }>(POSTER_QUEUE, ({ inviteCode }) => this.ensure(inviteCode));
  }

  /** Queued with a newly made invite code. */
  async schedule(inviteCode: string): Promise<void> {
    await this.jobs.send(POSTER_QUEUE, { inviteCode }, { singletonKey: `poster:${inviteCode}` });
  }

  async ensure(inviteCode: string): Promise<void> {
    if (await this.posters.exists(inviteCode)) return;
    let making = this.inFlight.get(inviteCode);
    if (!making) {
      making = this.make(inviteCode).finally(() => this.inFlight.delete(inviteCode));
      this.inFlight.set(inviteCode, making);
    }
    await making;
  }

  private async make(inviteCode: string): Promise<void> {
    if (await this.posters.exists(inviteCode)) return;
    const scene = posterSceneOf(inviteCode);
    const { image } = await this.codes.create({ scene, page: POSTER_PAGE, width: 430 });
    const posterPng = await this.composer.compose(image);
    await this.posters.save({ inviteCode, scene, page: POSTER_PAGE, codePng: image, posterPng });
    this.logger.log({ inviteCode }, 'invite poster made');
  }
}
