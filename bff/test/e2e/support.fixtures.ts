import type { ConversationDetail } from '@xiaoan/shared';
import { Clock } from '../../src/core/clock/clock.js';
import type { TestApp } from '../support/test-app.js';
import { waitFor } from './claims.fixtures.js';

export interface StaffClient {
  token: string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** A staff member signed in (the simulator-mode development accounts). */
export const staffSignIn = async (testApp: TestApp, username: 'dev-support' | 'dev-admin'): Promise<StaffClient> => {
  const response = await fetch(`${testApp.baseUrl}/api/v1/staff/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'xiaoan-dev-staff' }),
  });
  if (response.status !== 200) throw new Error(`staff login failed: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return {
    token,
    async api(method, path, body) {
      const answer = await fetch(`${testApp.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : undefined };
    },
  };
};

/** The user's live conversation id once the push has been processed. */
export const conversationOf = (testApp: TestApp, openid: string): Promise<string> =>
  waitFor(`a conversation for ${openid}`, async () => {
    const { rows } = await testApp.db.query<{ id: string }>(
      `SELECT id FROM support_conversations WHERE openid = $1 AND status <> 'resolved'`,
      [openid],
    );
    return rows[0]?.id;
  });

export const detailOf = async (staff: StaffClient, conversationId: string): Promise<ConversationDetail> => {
  const { status, body } = await staff.api<ConversationDetail>(
    'GET',
    `/api/v1/staff/support/conversations/${conversationId}`,
  );
  if (status !== 200) throw new Error(`detail ${status}`);
  return body;
};

/**
 * Time passing for both WeChat (the simulator's business clock: reply windows) and the BFF (its
 * clock: windows, complaint deadlines), kept in step.
 */
export const timeTravel = (testApp: TestApp) => {
  let offsetMs = 0;
  return (seconds: number) => {
    offsetMs += seconds * 1000;
    testApp.sim.advanceTime(seconds);
    testApp.app.get(Clock).travelTo(new Date(Date.now() + offsetMs));
  };
};

export const customMessagesTo = (testApp: TestApp, openid: string) =>
  testApp.sim.ledger.of('custom_message').filter((entry) => entry.openid === openid) as {
    body: { text?: { content: string } };
  }[];
