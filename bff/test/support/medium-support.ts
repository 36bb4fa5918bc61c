import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { StaffRole } from '@xiaoan/shared';
import { Clock } from '../../src/core/clock/clock.js';
import { AppException } from '../../src/core/errors/app.exception.js';
import { createWechatAdapters, type WechatAdapters } from '../../src/integrations/wechat/wechat.adapters.js';
import { SubscriptionRepository } from '../../src/modules/notification/subscription.repository.js';
import { abilityFor } from '../../src/modules/staff/domain/staff-policy.js';
import type { AuthenticatedStaff } from '../../src/modules/staff/authenticated-staff.js';
import { StaffAudit } from '../../src/modules/staff/staff-audit.service.js';
import { ClaimAnswerQueries } from '../../src/modules/support/claim-answer.queries.js';
import { ConversationRepository } from '../../src/modules/support/conversation.repository.js';
import { CsPushController } from '../../src/modules/support/cs-push.controller.js';
import { IngestCsMessageUseCase } from '../../src/modules/support/ingest-cs-message.use-case.js';
import { OpenComplaintUseCase } from '../../src/modules/support/open-complaint.use-case.js';
import { ReceiveCsPushUseCase } from '../../src/modules/support/receive-cs-push.use-case.js';
import { SUPPORT_QUEUES } from '../../src/modules/support/support.queues.js';
import { addCustomer, claimQueriesOf, type Customer, type Medium } from './medium.js';

/**
 * Fixtures of the support tests (medium): staff members as the staff guard hands them to a use
 * case, the BFF's 消息推送 endpoint on a real HTTP port for the WeChat simulator to push to, and
 * conversations opened the way a customer opens one (a message written in WeChat, pushed, stored,
 * ingested by the use cases the push job runs).
 */

const tag = () => randomBytes(4).toString('hex');

/** A staff member as StaffAuthGuard hands it to a use case, with its row in `staff_users`. */
export const addStaff = async (db: pg.Client, roles: StaffRole[] = ['support']): Promise<AuthenticatedStaff> => {
  const username = `m-${roles.join('-')}-${tag()}`;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO staff_users (username, display_name, roles, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`,
    [username, `测试${roles.join('')}`, roles],
  );
  return {
    staffUserId: rows[0]!.id,
    username,
    displayName: `测试${roles.join('')}`,
    roles,
    sessionId: `session-${tag()}`,
    mustChangePassword: false,
    ability: abilityFor(roles),
    ip: '10.0.0.7',
    requestId: `req-${tag()}`,
  };
};

/** The staff audit rows of `action` about `resourceId`, without their generated columns. */
export const auditRows = async (db: pg.Client, action: string, resourceId: string) =>
  (
    await db.query(
      `SELECT staff_user_id, username, roles, action, resource_type, resource_id, customer_id, policy_no, ip, request_id, reason, detail
         FROM staff_audit_log WHERE action = $1 AND resource_id = $2 ORDER BY id`,
      [action, resourceId],
    )
  ).rows;

/** A business clock moved `hours` ahead of now (the simulator is on, so it may be moved). */
export const clockAhead = (medium: Medium, hours: number): Clock => {
  const clock = new Clock(medium.config);
  clock.travelTo(new Date(Date.now() + hours * 3600_000));
  return clock;
};

export interface SupportWorld {
  conversations: ConversationRepository;
  audit: StaffAudit;
  receive: ReceiveCsPushUseCase;
  ingest: IngestCsMessageUseCase;
  /** The mini-program platform adapters (access token, custom/send, subscribe/send) on the simulator. */
  wechat: WechatAdapters;
  /** The 消息推送 URL the simulator pushes to. */
  pushUrl: string;
  close(): Promise<void>;
}

/**
 * The support module as the app wires it, and its 消息推送 endpoint: CsPushController (verifying
 * WeChat's signature, parsing the push, storing it through ReceiveCsPushUseCase) served on a port
 * of its own, which the simulator is told to push to.
 */
export const openSupport = async (medium: Medium): Promise<SupportWorld> => {
  const conversations = new ConversationRepository(medium.dataSource, medium.integrations);
  const receive = new ReceiveCsPushUseCase(medium.unitOfWork);
  const ingest = new IngestCsMessageUseCase(
    medium.unitOfWork,
    conversations,
    new ClaimAnswerQueries(medium.dataSource, claimQueriesOf(medium)),
    medium.clock,
  );
  const controller = new CsPushController(medium.integrations, receive);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://local');
      const query = Object.fromEntries(url.searchParams);
      const reply = {
        status: (code: number) => {
          response.statusCode = code;
          return reply;
        },
        header: (name: string, value: string) => {
          response.setHeader(name, value);
          return reply;
        },
        send: (body: string) => {
          response.end(body);
          return reply;
        },
      };
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.statusCode = 400;
        response.end('MALFORMED_BODY');
        return;
      }
      controller.push(query as never, { body, id: 'medium' } as never, reply as never).catch((error: unknown) => {
        response.statusCode = error instanceof AppException ? 400 : 500;
        response.end(error instanceof AppException ? error.code : 'error');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pushUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/wechat/cs-push`;
  medium.sim.customerServicePushUrl = pushUrl;
  const pool = new pg.Pool({ connectionString: medium.database.url, max: 2 });
  return {
    conversations,
    audit: new StaffAudit(medium.dataSource),
    receive,
    ingest,
    wechat: createWechatAdapters(medium.integrations.wechat, pool),
    pushUrl,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
};

/** Runs the ingest jobs the push path enqueued since `from` (as SupportJobs does), in order. */
export const runIngestJobs = async (medium: Medium, support: SupportWorld, from: number): Promise<number> => {
  let ingested = 0;
  for (const job of medium.jobs.slice(from)) {
    if (job.queue !== SUPPORT_QUEUES.ingestPushes) continue;
    for (const dedupeKey of (job.data as { dedupeKeys: string[] }).dedupeKeys) {
      await support.ingest.execute(dedupeKey);
      ingested += 1;
    }
  }
  return ingested;
};

export interface OpenedConversation {
  conversationId: string;
  customer: Customer;
}

/**
 * A customer writes `text` in WeChat's customer-service chat: the simulator pushes it to the
 * endpoint, and the ingest job makes it a message of the customer's live conversation.
 */
export const customerWrites = async (
  medium: Medium,
  support: SupportWorld,
  customer: Customer,
  text = '你好，我想问一下保单的事情',
): Promise<OpenedConversation> => {
  const from = medium.jobs.length;
  const pushed = await medium.sim.sendCustomerServiceMessage({ openid: customer.openid, content: text });
  if (!pushed.delivered) throw new Error('the push was not accepted');
  await runIngestJobs(medium, support, from);
  const { rows } = await medium.db.query<{ id: string }>(
    `SELECT id FROM support_conversations WHERE openid = $1 AND status <> 'resolved'`,
    [customer.openid],
  );
  if (!rows[0]) throw new Error('no conversation was opened');
  return { conversationId: rows[0].id, customer };
};

/** A new customer who writes to customer service in WeChat. */
export const addConversation = async (
  medium: Medium,
  support: SupportWorld,
  text?: string,
): Promise<OpenedConversation> => customerWrites(medium, support, await addCustomer(medium.db), text);

/** The customer accepts `templateId` once in the mini-program (wx.requestSubscribeMessage): WeChat and the BFF both count it. */
export const acceptSubscription = async (medium: Medium, customer: Customer, templateId: string): Promise<void> => {
  medium.sim.acceptSubscription(customer.openid, [templateId]);
  await new SubscriptionRepository(medium.dataSource).addAccept(customer.id, templateId);
};

/** The conversation, its messages and complaints: for "nothing changed" checks. */
export const conversationState = (db: pg.Client, conversationId: string) =>
  db
    .query(
      `SELECT (SELECT row_to_json(c) FROM support_conversations c WHERE c.id = $1) AS conversation,
              (SELECT json_agg(m ORDER BY m.seq) FROM support_messages m WHERE m.conversation_id = $1) AS messages,
              (SELECT json_agg(k ORDER BY k.accepted_at) FROM support_complaints k WHERE k.conversation_id = $1) AS complaints,
              (SELECT json_agg(s ORDER BY s.template_id) FROM subscriptions s JOIN support_conversations c ON c.customer_id = s.customer_id WHERE c.id = $1) AS subscriptions,
              (SELECT count(*) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audits`,
      [conversationId],
    )
    .then((result) => JSON.stringify(result.rows));

export interface OpenedComplaint extends OpenedConversation {
  complaintId: string;
  /** The agent who accepted it. */
  staff: AuthenticatedStaff;
}

/** A complaint accepted now by an agent, on a conversation a new customer opened in WeChat. */
export const addComplaint = async (
  medium: Medium,
  support: SupportWorld,
  options: { complex?: boolean } = {},
): Promise<OpenedComplaint> => {
  const conversation = await addConversation(medium, support, '我要投诉');
  const staff = await addStaff(medium.db);
  const { complaintId } = await new OpenComplaintUseCase(
    medium.unitOfWork,
    support.conversations,
    support.audit,
    medium.clock,
  ).execute({
    conversationId: conversation.conversationId,
    staff,
    summary: '理赔争议',
    complex: options.complex ?? false,
  });
  return { ...conversation, complaintId, staff };
};

/** The complaint, its conversation's messages and the audit rows naming it: for "nothing changed" checks. */
export const complaintState = (db: pg.Client, complaintId: string) =>
  db
    .query(
      `SELECT (SELECT row_to_json(k) FROM support_complaints k WHERE k.id = $1) AS complaint,
              (SELECT json_agg(m ORDER BY m.seq) FROM support_messages m JOIN support_complaints k ON k.conversation_id = m.conversation_id WHERE k.id = $1) AS messages,
              (SELECT row_to_json(c) FROM support_conversations c JOIN support_complaints k ON k.conversation_id = c.id WHERE k.id = $1) AS conversation,
              (SELECT json_agg(s ORDER BY s.template_id) FROM subscriptions s JOIN support_complaints k ON k.customer_id = s.customer_id WHERE k.id = $1) AS subscriptions,
              (SELECT count(*) FROM staff_audit_log a WHERE a.resource_id = $1::text) AS audits`,
      [complaintId],
    )
    .then((result) => JSON.stringify(result.rows));
