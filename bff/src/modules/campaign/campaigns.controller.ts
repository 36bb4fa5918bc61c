import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  campaignActionRequestSchema,
  cardOpenRequestSchema,
  myHelperProgressSchema,
  type MyHelperProgress,
  collectClaimResponseSchema,
  type CollectClaimResponse,
  currentCampaignSchema,
  myInviteSchema,
  myInvitesResponseSchema,
  type CurrentCampaign,
  type MyInvite,
  type MyInvitesResponse,
} from '@xiaoan/shared';
import { CurrentCustomer, type AuthenticatedCustomer } from '../../core/auth/authenticated-customer.js';
import { CustomerAuthGuard } from '../../core/auth/customer-auth.guard.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { RateLimiter } from '../../core/rate-limit/rate-limiter.js';
import { isUuid } from '../claim/claim.queries.js';
import { CampaignRepository } from './campaign.repository.js';
import { CollectRewardUseCase } from './collect-reward.use-case.js';
import { parseInviteCode } from './domain/invite-code.js';
import { InvitePosterRepository } from './invite-poster.repository.js';
import { InviteRepository } from './invite.repository.js';
import { MakeInvitePosterUseCase } from './make-invite-poster.use-case.js';
import { MyInviteUseCase } from './my-invite.use-case.js';
import { RecordCampaignActionUseCase, type ActionResult } from './record-campaign-action.use-case.js';

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const CARD_OPENS_PER_IP_PER_MINUTE = 120;

/** The customer's side: the current campaign (rules first), my invite code, my invites and rewards, my actions. */
@ApiTags('campaigns')
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly mine: MyInviteUseCase,
    private readonly recordAction: RecordCampaignActionUseCase,
    private readonly collect: CollectRewardUseCase,
    private readonly inviteRepository: InviteRepository,
    private readonly posters: InvitePosterRepository,
    private readonly makePoster: MakeInvitePosterUseCase,
    private readonly rateLimiter: RateLimiter,
  ) {}

  @Get('current')
  @ApiOperation({ summary: 'The live campaign as published (archived version): rules text first' })
  @ApiOkResponse({ schema: openApiSchema(currentCampaignSchema) })
  async current(): Promise<CurrentCampaign> {
    const [live] = await this.campaigns.live();
    if (!live) throw new AppException('CAMPAIGN_NONE_ACTIVE');
    const d = live.definition;
    return {
      id: live.id,
      version: live.version,
      name: d.name,
      rulesText: d.rulesText,
      startsAt: d.startsAt,
      endsAt: d.endsAt,
      shareCard: d.shareCard,
      rewardRules: d.rewardRules,
    };
  }

  @Get('me/invite')
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({ summary: 'My invite code and the share path that carries it' })
  @ApiOkResponse({ schema: openApiSchema(myInviteSchema) })
  invite(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<MyInvite> {
    return this.mine.code(customer.customerId);
  }

  @Get('me/invites')
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({ summary: 'Friends bound to my code, and my rewards (pending until the hold ends)' })
  @ApiOkResponse({ schema: openApiSchema(myInvitesResponseSchema) })
  invites(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<MyInvitesResponse> {
    return this.mine.invitesAndRewards(customer.customerId);
  }

  @Post('actions')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({
    summary: 'My own non-purchase participation (read terms, claim reminders on); may earn my inviter a fixed reward',
  })
  @ApiBody({ schema: openApiSchema(campaignActionRequestSchema, 'input') })
  action(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Body() body: unknown,
    @Req() request: { ip: string; headers: Record<string, string | string[] | undefined> },
  ): Promise<ActionResult> {
    const input = parseWith(campaignActionRequestSchema, body);
    // The mini-program's own device id (a random id kept in its storage), for the per-device caps.
    const device = request.headers['x-device-id'];
    if (device !== undefined && (typeof device !== 'string' || !DEVICE_ID.test(device))) {
      throw new AppException('VALIDATION_FAILED', [{ field: 'x-device-id', issue: '8-64 letters, digits, _ or -' }]);
    }
    return this.recordAction.execute(customer, input, request.ip, device ?? null);
  }

  @Get('me/helpers')
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({
    summary: '助力 progress: friends who helped me so far against each live helper rule’s stated number',
  })
  @ApiOkResponse({ schema: openApiSchema(myHelperProgressSchema) })
  helpers(@CurrentCustomer() customer: AuthenticatedCustomer): Promise<MyHelperProgress> {
    return this.mine.helperProgress(customer.customerId);
  }

  @Post('card-opens')
  @HttpCode(204)
  @ApiOperation({
    summary: 'The mini-program reports a share card or poster opened (attribution and the funnel only; never rewarded)',
  })
  @ApiBody({ schema: openApiSchema(cardOpenRequestSchema, 'input') })
  async cardOpen(@Body() body: unknown, @Req() request: { ip: string }): Promise<void> {
    const input = parseWith(cardOpenRequestSchema, body);
    const code = parseInviteCode(input.inviteCode);
    if (!code) throw new AppException('VALIDATION_FAILED', [{ field: 'inviteCode', issue: 'not an invite code' }]);
    await this.rateLimiter.consume(`card-open-ip:${request.ip}`, CARD_OPENS_PER_IP_PER_MINUTE, 60);
    await this.inviteRepository.recordCardOpen({
      inviteCode: code,
      inviterId: await this.inviteRepository.ownerOf(code),
      sharePath: input.sharePath ?? null,
      scene: input.scene ?? null,
      clientIp: request.ip,
    });
  }

  @Get('posters/:file')
  @ApiOperation({
    summary:
      'An invite poster (PNG with the mini-program code whose scene carries the invite code), made ahead of time',
  })
  @ApiProduces('image/png')
  async poster(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const match = /^([^.]+)\.png$/.exec(file);
    const code = match ? parseInviteCode(match[1]) : null;
    if (!code || match![1] !== code || !(await this.posters.codeExists(code)))
      throw new AppException('CAMPAIGN_POSTER_NOT_FOUND');
    let png = await this.posters.poster(code);
    if (!png) {
      // Its job has not run yet (or the code predates posters): made now, once, and kept.
      await this.makePoster.ensure(code).catch(() => {
        throw new AppException('SERVICE_UNAVAILABLE');
      });
      png = await this.posters.poster(code);
    }
    const isPng = png![0] === 0x89 && png![1] === 0x50;
    await reply
      .header('content-type', isPng ? 'image/png' : 'image/jpeg')
      .header('cache-control', 'public, max-age=86400')
      .send(png);
  }

  @Post('rewards/:id/collect')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({
    summary:
      '领红包: the reward’s transfer bill (marketing scene 1000); returns the wx.requestMerchantTransfer arguments',
  })
  @ApiOkResponse({ schema: openApiSchema(collectClaimResponseSchema) })
  collectReward(
    @CurrentCustomer() customer: AuthenticatedCustomer,
    @Param('id') id: string,
  ): Promise<CollectClaimResponse> {
    if (!isUuid(id)) throw new AppException('CAMPAIGN_REWARD_NOT_FOUND');
    return this.collect.execute(customer, id);
  }
}
