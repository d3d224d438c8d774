import { ApiError } from './api-error';
import type { AuthSession, Me } from './types';

export type SessionState =
  { status: 'restoring' } | { status: 'signed-out' } | { status: 'signed-in'; user: Me };

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Send the access token and, on a 401, refresh once and retry. Off for public and auth routes. */
  auth?: boolean;
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  baseUrl: string;
  storage: Storage;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * Whether this browser has a session: a hint for start-up and for other tabs, never a secret
 * (the refresh token itself is in an HttpOnly cookie no script can read).
 */
const SESSION_KEY = 'ideas-lab.session';
const REFRESH_LOCK = 'ideas-lab.refresh';
/** The routes that read the refresh cookie want this header (it guards the cookie against cross-site requests). */
export const REFRESH_HEADERS = { 'X-Ideas-Lab-Refresh': '1' };
/** Refresh this long before the access token expires, so requests never carry an expired one. */
const REFRESH_AHEAD_MS = 30_000;
const RETRY_REFRESH_MS = 15_000;

/**
 * Talks JSON to the API and keeps the session: the access token lives only in memory, the
 * refresh token in an HttpOnly cookie the server sets (scripts never see it), so a reload keeps
 * you signed in. Tokens are refreshed shortly before they expire, and once more when a request
 * is answered 401.
 *
 * Refresh tokens rotate and a reused one revokes the whole family, so refreshes are serialised
 * across tabs (Web Locks): each sends the cookie as the previous refresh left it.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly storage: Storage;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;

  private accessToken: string | null = null;
  private accessTokenExpiresAt = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | null = null;
  private state: SessionState = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  /** Settles when restoring has a token to send (or knows there is none); see fetchWithSession. */
  private restoredToken: () => void = () => undefined;
  private readonly restoringToken = new Promise<void>((settle) => (this.restoredToken = settle));

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl;
    this.storage = options.storage;
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
  }

  // --- session state, shaped for React's useSyncExternalStore -------------------------------

  readonly getState = (): SessionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(state: SessionState): void {
    this.state = state;
    if (state.status !== 'restoring') this.restoredToken();
    for (const listener of this.listeners) listener();
  }

  /** At start-up: resume the session from the refresh cookie, if this browser has one. */
  async restore(): Promise<void> {
    if (!this.storage.getItem(SESSION_KEY)) {
      this.setState({ status: 'signed-out' });
      return;
    }
    try {
      await this.refresh();
    } catch {
      // The server is unreachable: stay signed out for now, keep the session for the next try.
      this.setState({ status: 'signed-out' });
    }
  }

  /** Another tab signed out (or in): follow it. */
  handleStorageEvent(event: StorageEvent): void {
    if (event.key !== SESSION_KEY) return;
    if (event.newValue === null && this.state.status === 'signed-in') this.endSession();
    if (event.newValue !== null && this.state.status === 'signed-out') void this.restore();
  }

  async startSession(session: AuthSession): Promise<Me> {
    this.accessToken = session.accessToken;
    this.accessTokenExpiresAt = Date.parse(session.accessTokenExpiresAt);
    this.storage.setItem(SESSION_KEY, 'signed-in');
    this.restoredToken();
    this.scheduleRefresh(this.accessTokenExpiresAt - REFRESH_AHEAD_MS - this.now());
    const user = await this.completeUser(session.user);
    this.setState({ status: 'signed-in', user });
    return user;
  }

  /**
   * The session's user with their lab roles. A session that comes without them keeps the
   * roles already known for that user, or they are read from GET /me; screens never see a
   * signed-in user whose roles are unknown.
   */
  private async completeUser(
    user: AuthSession['user'] & { memberships?: Me['memberships'] },
  ): Promise<Me> {
    const { memberships } = user;
    if (Array.isArray(memberships)) return { ...user, memberships };
    const current = this.state.status === 'signed-in' ? this.state.user : null;
    if (current?.id === user.id) return { ...user, memberships: current.memberships };
    return this.request<Me>('GET', '/me');
  }

  endSession(): void {
    clearTimeout(this.refreshTimer);
    this.accessToken = null;
    this.accessTokenExpiresAt = 0;
    this.storage.removeItem(SESSION_KEY);
    this.setState({ status: 'signed-out' });
  }

  /** Replace the signed-in user (after GET /me), e.g. when memberships changed. */
  updateUser(user: Me): void {
    if (this.state.status === 'signed-in') this.setState({ status: 'signed-in', user });
  }

  /**
   * The access token for a transport that cannot go through `request` (the live socket's
   * handshake); null when signed out. Call `refresh()` when it is refused.
   */
  currentAccessToken(): string | null {
    return this.accessToken;
  }

  private scheduleRefresh(delayMs: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(
      () => {
        this.refresh().catch(() => this.scheduleRefresh(RETRY_REFRESH_MS));
      },
      Math.max(delayMs, 1_000),
    );
  }

  /** Exchanges the refresh cookie for a new access token (and cookie). Resolves false when the session is over. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.underRefreshLock(() => this.refreshNow()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshNow(): Promise<boolean> {
    if (!this.storage.getItem(SESSION_KEY)) {
      this.endSession();
      return false;
    }
    try {
      const session = await this.request<AuthSession>('POST', '/auth/refresh', {
        headers: REFRESH_HEADERS,
        auth: false,
      });
      await this.startSession(session);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        this.endSession();
        return false;
      }
      throw error;
    }
  }

  private underRefreshLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request(REFRESH_LOCK, work) : work();
  }

  // --- transport ---------------------------------------------------------------------------

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.respond(method, path, options);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * `fetch` with the session: the generated client (openapi-fetch) sends every request through
   * here, so it carries the access token, refreshes it when due or refused, and turns any
   * non-2xx answer into an ApiError before the generated client reads the body.
   */
  readonly fetchWithSession = async (request: Request): Promise<Response> => {
    // A request made while the session is being restored (a page's data fetched ahead, from
    // its address at start-up) waits for the token instead of being refused without one; it
    // goes out as soon as the refresh answers, beside GET /me.
    if (this.state.status === 'restoring') await this.restoringToken;
    if (this.accessToken && this.now() >= this.accessTokenExpiresAt - 5_000) await this.refresh();
    const retry = request.clone();
    let response = await this.sendRequest(request);
    if (response.status === 401 && this.storage.getItem(SESSION_KEY)) {
      if (await this.refresh()) response = await this.sendRequest(retry);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return response;
  };

  private async sendRequest(request: Request): Promise<Response> {
    if (this.accessToken) request.headers.set('Authorization', `Bearer ${this.accessToken}`);
    try {
      return await this.fetchFn(request);
    } catch (error) {
      throw ApiError.network(error);
    }
  }

  /** Sends a request with the session's token (refreshing it when due or refused) and fails on a non-2xx answer. */
  private async respond(method: string, path: string, options: RequestOptions): Promise<Response> {
    const auth = options.auth ?? true;
    if (auth && this.accessToken && this.now() >= this.accessTokenExpiresAt - 5_000) {
      // The timer may not have fired (a sleeping laptop, a throttled background tab).
      await this.refresh();
    }
    let response = await this.send(method, path, options, auth);
    if (response.status === 401 && auth && this.storage.getItem(SESSION_KEY)) {
      if (await this.refresh()) response = await this.send(method, path, options, auth);
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return response;
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
    auth: boolean,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      ...options.headers,
      Accept: 'application/json',
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth && this.accessToken) headers.Authorization = `Bearer ${this.accessToken}`;
    try {
      return await this.fetchFn(this.url(path, options.query), {
        method,
        headers,
        // The refresh cookie goes only to this site's own API.
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw ApiError.network(error);
    }
  }

  private url(path: string, query: RequestOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }
}
