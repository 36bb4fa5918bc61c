import type { StaffLoginRequest, StaffLoginResponse, StaffMeResponse } from '@xiaoan/shared';
import { ApiClient, apiClient, STAFF_API } from '../api/api-client.js';
import { sessionTokenStore, type TokenStore } from '../api/session-store.js';
import { abilityFromPackedRules, type StaffAbility } from './staff-ability.js';

export interface SignedIn {
  me: StaffMeResponse;
  ability: StaffAbility;
}

/**
 * The signed-in member and their abilities, fetched once per page load (and again after a login,
 * a password change or a 401) and shared by the auth and access-control providers.
 */
export class StaffSession {
  private current: Promise<SignedIn | null> | null = null;

  constructor(
    private readonly api: ApiClient = apiClient,
    private readonly tokens: TokenStore = sessionTokenStore,
  ) {}

  get hasToken(): boolean {
    return this.tokens.get() !== null;
  }

  async login(credentials: StaffLoginRequest): Promise<StaffLoginResponse> {
    const answer = await this.api.request<StaffLoginResponse>(`${STAFF_API}/auth/login`, {
      method: 'POST',
      body: credentials,
    });
    this.tokens.set(answer.token);
    this.current = null;
    return answer;
  }

  async logout(): Promise<void> {
    if (this.hasToken) {
      await this.api.request(`${STAFF_API}/auth/logout`, { method: 'POST' }).catch(() => undefined);
    }
    this.forget();
  }

  forget(): void {
    this.tokens.clear();
    this.current = null;
  }

  /** Reload the member (after a password change or a role change). */
  refresh(): Promise<SignedIn | null> {
    this.current = null;
    return this.load();
  }

  /** The member, or null when signed out (no token, or the BFF no longer accepts it). */
  load(): Promise<SignedIn | null> {
    if (!this.hasToken) return Promise.resolve(null);
    this.current ??= this.api
      .request<StaffMeResponse>(`${STAFF_API}/me`)
      .then((me) => ({ me, ability: abilityFromPackedRules(me.rules) }))
      .catch((error: unknown) => {
        this.current = null;
        if ((error as { statusCode?: number }).statusCode === 401) {
          this.tokens.clear();
          return null;
        }
        throw error;
      });
    return this.current;
  }
}

export const staffSession = new StaffSession();
