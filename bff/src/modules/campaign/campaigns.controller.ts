import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  campaignActionRequestSchema,
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
import { isUuid } from '../claim/claim.queries.js';
import { CampaignRepository } from './campaign.repository.js';
import { CollectRewardUseCase } from './collect-reward.use-case.js';
import { MyInviteUseCase } from './my-invite.use-case.js';
import { RecordCampaignActionUseCase, type ActionResult } from './record-campaign-action.use-case.js';

/** The customer's side: the current campaign (rules first), my invite code, my invites and rewards, my actions. */
@ApiTags('campaigns')
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly mine: MyInviteUseCase,
    private readonly recordAction: RecordCampaignActionUseCase,
    private readonly collect: CollectRewardUseCase,
  ) {}

  @Get('current')
  @ApiOperation({ summary: 'The live campaign as published (archived version): rules text first' })
  @ApiOkResponse({ schema: openApiSchema(currentCampaignSchema) })
  async current(): Promise<CurrentCampaign> {
    const [live] = await this.campaigns.live();
    if (!live) throw new AppException('CAMPAIGN_NONE_ACTIVE');
    const d = live.definition;
    return { id: live.id, version: live.version, name: d.name, rulesText: d.rulesText, startsAt: d.startsAt, endsAt: d.endsAt, shareCard: d.shareCard, rewardRules: d.rewardRules };
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
  @ApiOperation({ summary: 'My own non-purchase participation (read terms, claim reminders on); may earn my inviter a fixed reward' })
  @ApiBody({ schema: openApiSchema(campaignActionRequestSchema, 'input') })
  action(@CurrentCustomer() customer: AuthenticatedCustomer, @Body() body: unknown, @Req() request: { ip: string }): Promise<ActionResult> {
    const input = parseWith(campaignActionRequestSchema, body);
    return this.recordAction.execute(customer, input, request.ip);
  }

  @Post('rewards/:id/collect')
  @HttpCode(200)
  @ApiBearerAuth()
  @UseGuards(CustomerAuthGuard)
  @ApiOperation({ summary: '领红包: the reward’s transfer bill (marketing scene 1000); returns the wx.requestMerchantTransfer arguments' })
  @ApiOkResponse({ schema: openApiSchema(collectClaimResponseSchema) })
  collectReward(@CurrentCustomer() customer: AuthenticatedCustomer, @Param('id') id: string): Promise<CollectClaimResponse> {
    if (!isUuid(id)) throw new AppException('CAMPAIGN_REWARD_NOT_FOUND');
    return this.collect.execute(customer, id);
  }
}
