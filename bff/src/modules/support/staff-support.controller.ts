import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  assignRequestSchema,
  cannedReplyCreateSchema,
  cannedReplyListSchema,
  complaintCreateSchema,
  conversationDetailSchema,
  conversationUpdateSchema,
  fallbackRequestSchema,
  inboxQuerySchema,
  inboxResponseSchema,
  noteRequestSchema,
  replyRequestSchema,
  supportContextSchema,
  type CannedReply,
  type ConversationDetail,
  type InboxResponse,
  type SupportContext,
} from '@xiaoan/shared';
import { Clock } from '../../core/clock/clock.js';
import { AppException } from '../../core/errors/app.exception.js';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { CurrentStaff, StaffCan, type AuthenticatedStaff } from '../staff/authenticated-staff.js';
import { StaffAudit } from '../staff/staff-audit.service.js';
import { StaffAuthGuard } from '../staff/staff-auth.guard.js';
import { AddNoteUseCase } from './add-note.use-case.js';
import { AssignConversationUseCase } from './assign-conversation.use-case.js';
import { CannedReplyRepository } from './canned-reply.repository.js';
import { ComposeCannedReplyUseCase } from './compose-canned-reply.use-case.js';
import { ConversationRepository } from './conversation.repository.js';
import { toConversationSummary, toSupportMessage } from './domain/conversation-view.js';
import { OpenComplaintUseCase } from './open-complaint.use-case.js';
import { SendFallbackUseCase } from './send-fallback.use-case.js';
import { SendReplyUseCase } from './send-reply.use-case.js';
import { SupportContextQueries } from './support-context.queries.js';
import { UpdateConversationUseCase } from './update-conversation.use-case.js';

/**
 * The shared inbox (the staff policy's Conversation, Complaint and CannedReply rules; a lead —
 * whoever may `assign` — gives conversations to others). Every read of a
 * conversation or a customer's context is audited, on top of the guard's per-route audit.
 */
@ApiTags('staff-support')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('v1/staff/support')
export class StaffSupportController {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly context: SupportContextQueries,
    private readonly canned: CannedReplyRepository,
    private readonly compose: ComposeCannedReplyUseCase,
    private readonly reply: SendReplyUseCase,
    private readonly fallback: SendFallbackUseCase,
    private readonly note: AddNoteUseCase,
    private readonly assign: AssignConversationUseCase,
    private readonly update: UpdateConversationUseCase,
    private readonly complaint: OpenComplaintUseCase,
    private readonly audit: StaffAudit,
    private readonly clock: Clock,
  ) {}

  @Get('conversations')
  @StaffCan('read', 'Conversation')
  @ApiOperation({ summary: 'Inbox: unassigned / mine / all, longest-waiting first' })
  @ApiOkResponse({ schema: openApiSchema(inboxResponseSchema) })
  async inbox(@CurrentStaff() staff: AuthenticatedStaff, @Query() query: unknown): Promise<InboxResponse> {
    const input = parseWith(inboxQuerySchema, query);
    const rows = await this.conversations.inbox({ ...input, staffUserId: staff.staffUserId });
    const now = this.clock.now();
    return { items: rows.map((row) => toConversationSummary(row, now)) };
  }

  @Get('conversations/:id')
  @StaffCan('read', 'Conversation')
  @ApiOperation({ summary: 'A conversation: messages, notes, reply-window countdown and remaining replies' })
  @ApiOkResponse({ schema: openApiSchema(conversationDetailSchema) })
  async detail(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<ConversationDetail> {
    const row = await this.conversations.find(id);
    if (!row) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
    await this.audit.record(staff, { action: 'support_read', resourceType: 'conversation', resourceId: row.id });
    const messages = await this.conversations.messages(row.id, { includeNotes: true });
    return {
      ...toConversationSummary(row, this.clock.now()),
      messages: messages.map(toSupportMessage),
      autoReplyEnabled: row.auto_reply_enabled,
      firstResponseAt: row.first_response_at ? new Date(row.first_response_at).toISOString() : null,
      resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
      rating: row.rating,
    };
  }

  @Get('conversations/:id/context')
  @StaffCan('read', 'Customer')
  @ApiOperation({
    summary: "The customer's policies, claims with evidence timeline, payout bills and orders (audited)",
  })
  @ApiOkResponse({ schema: openApiSchema(supportContextSchema) })
  async contextOf(@CurrentStaff() staff: AuthenticatedStaff, @Param('id') id: string): Promise<SupportContext> {
    const row = await this.conversations.find(id);
    if (!row) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
    await this.audit.record(staff, {
      action: 'support_context_read',
      resourceType: 'conversation',
      resourceId: row.id,
      ...(row.customer_id ? { customerId: row.customer_id } : {}),
      detail: { conversationId: row.id },
    });
    return this.context.of(row.customer_id);
  }

  @Post('conversations/:id/assign')
  @StaffCan('update', 'Conversation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Take the conversation, or (lead) give it to another agent' })
  @ApiBody({ schema: openApiSchema(assignRequestSchema, 'input') })
  async assignTo(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const { staffUserId } = parseWith(assignRequestSchema, body ?? {});
    await this.assign.execute({ conversationId: id, staff, ...(staffUserId ? { assigneeId: staffUserId } : {}) });
  }

  @Post('conversations/:id/replies')
  @StaffCan('reply', 'Conversation')
  @HttpCode(202)
  @ApiOperation({ summary: 'Reply (text or a canned reply filled from a claim); refused when WeChat would refuse it' })
  @ApiBody({ schema: openApiSchema(replyRequestSchema, 'input') })
  async replyTo(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ messageId: string; text: string }> {
    const request = parseWith(replyRequestSchema, body);
    const conversation = await this.conversations.find(id);
    if (!conversation) throw new AppException('SUPPORT_CONVERSATION_NOT_FOUND');
    const text =
      'text' in request
        ? request.text
        : await this.compose.execute(conversation, request.cannedReplyId, request.claimId);
    const { messageId } = await this.reply.execute({
      conversationId: id,
      staff,
      text,
      ...('cannedReplyId' in request ? { cannedReplyId: request.cannedReplyId } : {}),
    });
    return { messageId, text };
  }

  @Post('conversations/:id/fallback')
  @StaffCan('reply', 'Conversation')
  @HttpCode(202)
  @ApiOperation({ summary: 'Past the reply window: a subscribe message the user consented to' })
  @ApiBody({ schema: openApiSchema(fallbackRequestSchema, 'input') })
  async fallbackTo(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ messageId: string }> {
    const { text } = parseWith(fallbackRequestSchema, body);
    return this.fallback.execute({ conversationId: id, staff, text });
  }

  @Post('conversations/:id/notes')
  @StaffCan('update', 'Conversation')
  @HttpCode(201)
  @ApiOperation({ summary: 'An internal note (never sent to the user)' })
  @ApiBody({ schema: openApiSchema(noteRequestSchema, 'input') })
  async noteOn(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ messageId: string }> {
    const { text } = parseWith(noteRequestSchema, body);
    return this.note.execute({ conversationId: id, staff, text });
  }

  @Patch('conversations/:id')
  @StaffCan('update', 'Conversation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Status (open / pending / resolved / snoozed), priority, labels' })
  @ApiBody({ schema: openApiSchema(conversationUpdateSchema, 'input') })
  async updateOne(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<void> {
    await this.update.execute({ conversationId: id, staff, update: parseWith(conversationUpdateSchema, body) });
  }

  @Post('conversations/:id/complaint')
  @StaffCan('create', 'Complaint')
  @HttpCode(201)
  @ApiOperation({ summary: 'Turn the conversation into a complaint ticket (15 days; 30 when complex)' })
  @ApiBody({ schema: openApiSchema(complaintCreateSchema, 'input') })
  async complain(
    @CurrentStaff() staff: AuthenticatedStaff,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<{ complaintId: string }> {
    const { summary, complex } = parseWith(complaintCreateSchema, body);
    return this.complaint.execute({ conversationId: id, staff, summary, complex });
  }

  @Get('canned-replies')
  @StaffCan('read', 'CannedReply')
  @ApiOperation({ summary: 'Canned replies and the variables each uses' })
  @ApiOkResponse({ schema: openApiSchema(cannedReplyListSchema) })
  async cannedReplies(): Promise<{ items: CannedReply[] }> {
    return { items: await this.canned.list() };
  }

  @Post('canned-replies')
  @StaffCan('create', 'CannedReply')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a canned reply (lead only)' })
  @ApiBody({ schema: openApiSchema(cannedReplyCreateSchema, 'input') })
  async addCannedReply(@CurrentStaff() staff: AuthenticatedStaff, @Body() body: unknown): Promise<CannedReply> {
    const input = parseWith(cannedReplyCreateSchema, body);
    const created = await this.canned.create({ ...input, staffUserId: staff.staffUserId });
    await this.audit.record(staff, {
      action: 'canned_reply_create',
      resourceType: 'canned_reply',
      resourceId: created.id,
    });
    return created;
  }
}
