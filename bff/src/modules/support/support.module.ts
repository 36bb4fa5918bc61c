import { Module } from '@nestjs/common';
import { ClaimModule } from '../claim/claim.module.js';
import { StaffModule } from '../staff/staff.module.js';
import { AddNoteUseCase } from './add-note.use-case.js';
import { AssignConversationUseCase } from './assign-conversation.use-case.js';
import { CannedReplyRepository } from './canned-reply.repository.js';
import { ClaimAnswerQueries } from './claim-answer.queries.js';
import { ComplaintRepository } from './complaint.repository.js';
import { ComposeCannedReplyUseCase } from './compose-canned-reply.use-case.js';
import { ConversationRepository } from './conversation.repository.js';
import { CsPushController } from './cs-push.controller.js';
import { CustomerSupportController } from './customer-support.controller.js';
import { DeliverReplyUseCase } from './deliver-reply.use-case.js';
import { ExtendComplaintUseCase } from './extend-complaint.use-case.js';
import { IngestCsMessageUseCase } from './ingest-cs-message.use-case.js';
import { OpenComplaintUseCase } from './open-complaint.use-case.js';
import { PostCustomerMessageUseCase } from './post-customer-message.use-case.js';
import { RateConversationUseCase } from './rate-conversation.use-case.js';
import { ReceiveCsPushUseCase } from './receive-cs-push.use-case.js';
import { RecordComplaintOutcomeUseCase } from './record-complaint-outcome.use-case.js';
import { SendFallbackUseCase } from './send-fallback.use-case.js';
import { SendReplyUseCase } from './send-reply.use-case.js';
import { SlaQueries } from './sla.queries.js';
import { StaffComplaintsController } from './staff-complaints.controller.js';
import { StaffSupportController } from './staff-support.controller.js';
import { SupportContextQueries } from './support-context.queries.js';
import { SupportJobs } from './support.jobs.js';
import { SweepComplaintDeadlinesUseCase } from './sweep-complaint-deadlines.use-case.js';
import { UpdateConversationUseCase } from './update-conversation.use-case.js';

/**
 * Customer service (issue 11): WeChat's 消息推送 in, replies out through custom/send within
 * WeChat's window and quota, automatic answers to claim questions, the staff inbox with the
 * customer's context, complaints with their regulatory clock, SLA and satisfaction.
 */
@Module({
  imports: [ClaimModule, StaffModule],
  controllers: [CsPushController, StaffSupportController, StaffComplaintsController, CustomerSupportController],
  providers: [
    ConversationRepository,
    ComplaintRepository,
    CannedReplyRepository,
    SupportContextQueries,
    SlaQueries,
    ClaimAnswerQueries,
    ReceiveCsPushUseCase,
    IngestCsMessageUseCase,
    DeliverReplyUseCase,
    SendReplyUseCase,
    SendFallbackUseCase,
    AddNoteUseCase,
    AssignConversationUseCase,
    UpdateConversationUseCase,
    ComposeCannedReplyUseCase,
    OpenComplaintUseCase,
    ExtendComplaintUseCase,
    RecordComplaintOutcomeUseCase,
    SweepComplaintDeadlinesUseCase,
    RateConversationUseCase,
    PostCustomerMessageUseCase,
    SupportJobs,
  ],
  exports: [SweepComplaintDeadlinesUseCase],
})
export class SupportModule {}
