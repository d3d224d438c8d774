import { io, type Socket } from 'socket.io-client';
import type {
  LiveConnectErrorData,
  LiveErrorAck,
  LiveNotices,
  LiveRequests,
} from '@ideas-lab/live/events';
import { latestMessageId } from './chat-log';
import { betterOffset, clockOffset, type ClockOffset } from './live-clock';

/**
 * One connection to the `/live` Socket.IO namespace for one lab, shared by every live screen
 * (the participant's and mentor's views here, the organisers' control room in features/workshop).
 *
 * - Authenticated with the HTTP client's access token, read afresh for every handshake; a
 *   handshake refused as LIVE_UNAUTHENTICATED refreshes the token once and connects again.
 * - Reconnects by itself (Socket.IO's backoff, randomised, so a lost server's clients do not
 *   all come back at once); when the browser reports the network gone it drops the link at
 *   once and reconnects the moment the network is back, instead of waiting for a heartbeat to
 *   time out.
 * - A server shutting down gracefully says so (`live:reconnect`) and closes each connection at
 *   its own moment: the connection then comes back at once, not after the backoff, and lands
 *   on another instance. A handshake refused as LIVE_SERVER_CLOSING is tried again shortly.
 * - Every (re)connect sends the id of the last chat message seen, so the server's
 *   `live:snapshot` carries exactly the chat that was missed; connection-state recovery
 *   replays the events of short gaps on top.
 * - Keeps the server's clock: the offset from `serverNow` in notices, refined by `time:sync`
 *   round trips.
 *
 * Generic over the event map so screens get typed notices and requests; it defaults to the
 * live layer's own map (libs/live/src/live-events.ts).
 */

export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'online'; recovered: boolean }
  | { state: 'reconnecting'; attempt: number }
  | { state: 'offline' }
  | { state: 'refused'; code: string; message: string }
  | { state: 'closed' };

export interface LiveConnectionState {
  status: LiveStatus;
  /** Add to Date.now() to get the server's time. */
  offsetMs: number;
}

/** The shape of a request map: each event's payload and the result of a successful ack. */
export type RequestMap<R> = { [E in keyof R]: { payload: unknown; result: unknown } };

export type RequestAck<Result> = ({ ok: true } & Result) | LiveErrorAck;

/** One notice as a tagged value, so a reducer can switch on `event`. */
export type NoticeOf<N> = { [E in keyof N]: { event: E; payload: N[E] } }[keyof N];

export interface LiveConnectionOptions {
  labId: string;
  /** The current access token (null when signed out). */
  accessToken: () => string | null;
  /** Get a new access token; false when the session is over. */
  refreshToken: () => Promise<boolean>;
  /** Where the API runs; the page's own origin by default. */
  origin?: string;
  /** Websocket only skips long-polling (and sticky sessions behind a load balancer). */
  transports?: ('websocket' | 'polling')[];
  /** How long a request waits for its acknowledgement. */
  requestTimeoutMs?: number;
  /** Re-measure the clock this often while connected. */
  clockSyncEveryMs?: number;
  /** The browser's clock (tests replace it). */
  now?: () => number;
}

type AnySocket = Socket<Record<string, (payload: never) => void>, Record<string, never>>;

const SNAPSHOT_EVENT = 'live:snapshot';
const CHAT_EVENT = 'chat:message';
const SYNC_REQUEST = 'time:sync';
const TOKEN_REFRESH_REQUEST = 'auth:refresh';
const TOKEN_EXPIRED_EVENT = 'auth:expired';
const SERVER_CLOSING_EVENT = 'live:reconnect';
const SERVER_CLOSING_CODE = 'LIVE_SERVER_CLOSING';
/** Socket.IO's first reconnection delay (it doubles up to the max, ±50 % at random). */
const RECONNECTION_DELAY_MS = 500;
/** A handshake refused by a closing server is tried again after a random delay up to this. */
const CLOSING_RETRY_MAX_MS = 1_500;
/** Hand the server a fresh token this long before the one in use expires. */
const TOKEN_RENEW_AHEAD_MS = 20_000;

export class LiveConnection<
  N extends object = LiveNotices,
  R extends RequestMap<R> = LiveRequests,
> {
  readonly labId: string;
  private readonly socket: AnySocket;
  private readonly options: Required<
    Pick<LiveConnectionOptions, 'requestTimeoutMs' | 'clockSyncEveryMs' | 'now'>
  > &
    LiveConnectionOptions;
  private state: LiveConnectionState = { status: { state: 'connecting' }, offsetMs: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly noticeListeners = new Set<(notice: NoticeOf<N>) => void>();
  private lastSeenMessageId: string | null = null;
  private clock: (ClockOffset & { measured: boolean }) | null = null;
  private authRetried = false;
  private syncTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private closed = false;
  /** The token the current connection was authenticated with (or last renewed with). */
  private tokenInUse: string | null = null;
  private tokenTimer: ReturnType<typeof setTimeout> | undefined;
  private tokenExpired = false;
  /** The server said it is shutting down: its next transport close is a hand-over. */
  private serverClosing = false;

  constructor(options: LiveConnectionOptions) {
    this.options = {
      requestTimeoutMs: 8_000,
      clockSyncEveryMs: 5 * 60_000,
      now: Date.now,
      ...options,
    };
    this.labId = options.labId;
    const origin = options.origin ?? window.location.origin;
    this.socket = io(`${origin}/live`, {
      autoConnect: false,
      transports: options.transports ?? ['websocket', 'polling'],
      reconnectionDelay: RECONNECTION_DELAY_MS,
      reconnectionDelayMax: 5_000,
      // Read for every handshake: a refreshed token and the latest message seen go with it.
      auth: (send) => {
        this.tokenInUse = this.options.accessToken();
        send({
          token: this.tokenInUse ?? '',
          labId: this.labId,
          lastSeenMessageId: this.lastSeenMessageId,
        });
      },
    }) as unknown as AnySocket;
    this.wire();
  }

  // --- state for React's useSyncExternalStore ------------------------------------------------

  readonly getState = (): LiveConnectionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The server's time now (ms since the epoch). */
  serverNow(): number {
    return this.options.now() + this.state.offsetMs;
  }

  /** The id of the newest chat message this connection has received. */
  lastSeen(): string | null {
    return this.lastSeenMessageId;
  }

  // --- lifecycle --------------------------------------------------------------------------

  /** Connect (idempotent) and follow the browser's online/offline events. */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.closed = false;
    window.addEventListener('offline', this.wentOffline);
    window.addEventListener('online', this.cameOnline);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      this.setStatus({ state: 'offline' });
    } else {
      this.setStatus({ state: 'connecting' });
      this.socket.connect();
    }
    return this;
  }

  /** Disconnect (leaving the screen); `start()` connects again. Listeners stay registered. */
  close(): void {
    if (!this.started) return;
    this.started = false;
    this.closed = true;
    window.removeEventListener('offline', this.wentOffline);
    window.removeEventListener('online', this.cameOnline);
    clearInterval(this.syncTimer);
    clearTimeout(this.retryTimer);
    clearTimeout(this.tokenTimer);
    this.socket.disconnect();
    this.setStatus({ state: 'closed' });
  }

  /** Try again now after a refusal or while waiting between attempts. */
  reconnectNow(): void {
    if (this.closed || this.socket.connected) return;
    clearTimeout(this.retryTimer);
    this.authRetried = false;
    this.setStatus({ state: 'connecting' });
    // disconnect() also cancels a pending backoff timer, so connect() opens at once.
    this.socket.disconnect();
    this.socket.connect();
  }

  // --- notices and requests -----------------------------------------------------------------

  /** Listen to one kind of notice; returns the function that stops listening. */
  on<E extends keyof N & string>(event: E, handler: (payload: N[E]) => void): () => void {
    const listener = (notice: NoticeOf<N>) => {
      if (notice.event === event) handler(notice.payload as N[E]);
    };
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Listen to every notice, in arrival order (a reducer's input). */
  onNotice(listener: (notice: NoticeOf<N>) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /**
   * Send a request and wait for its acknowledgement. Never throws: while disconnected, or
   * when no answer comes in time, it resolves with LIVE_DISCONNECTED or LIVE_TIMEOUT.
   */
  async request<E extends keyof R & string>(
    event: E,
    payload: R[E]['payload'],
  ): Promise<RequestAck<R[E]['result']>> {
    if (!this.socket.connected) {
      return {
        ok: false,
        code: 'LIVE_DISCONNECTED',
        message: 'Not connected to the live workshop right now; try again when it reconnects.',
      };
    }
    try {
      const timed = this.socket.timeout(this.options.requestTimeoutMs) as unknown as {
        emitWithAck(event: string, payload: unknown): Promise<RequestAck<R[E]['result']>>;
      };
      return await timed.emitWithAck(event, payload);
    } catch {
      return {
        ok: false,
        code: 'LIVE_TIMEOUT',
        message: 'The server did not answer in time; try again.',
      };
    }
  }

  // --- internals ----------------------------------------------------------------------------

  private wire(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.authRetried = false;
      this.serverClosing = false;
      void this.syncClock();
      clearInterval(this.syncTimer);
      this.syncTimer = setInterval(() => void this.syncClock(), this.options.clockSyncEveryMs);
    });
    socket.on('disconnect', (reason: string) => {
      clearInterval(this.syncTimer);
      clearTimeout(this.tokenTimer);
      if (this.closed) return;
      if (this.state.status.state === 'offline') return;
      if (socket.active) {
        if (this.serverClosing) this.reconnectAtOnce();
        this.setStatus({ state: 'reconnecting', attempt: 0 });
      } else if (reason === 'io server disconnect') {
        // The server dropped this connection on purpose: its token expired (the handshake
        // refreshes it), or it could not set the connection up. Come back shortly.
        this.setStatus({ state: 'reconnecting', attempt: 0 });
        const delay = this.tokenExpired ? 0 : 2_000;
        this.tokenExpired = false;
        this.retryTimer = setTimeout(() => this.reconnectNow(), delay);
      }
    });
    socket.on('connect_error', (error: Error & { data?: LiveConnectErrorData }) => {
      if (this.closed) return;
      if (socket.active) {
        // A network failure: Socket.IO tries again by itself.
        if (this.state.status.state !== 'offline')
          this.setStatus({ state: 'reconnecting', attempt: this.attempt() });
        return;
      }
      void this.refused(error.data ?? { code: 'LIVE_REFUSED', message: error.message });
    });
    socket.io.on('reconnect_attempt', (attempt: number) => {
      if (!this.closed && this.state.status.state !== 'offline')
        this.setStatus({ state: 'reconnecting', attempt });
    });
    socket.onAny((event: string, payload: unknown) => {
      const received = this.options.now();
      this.noteNotice(event, payload, received);
      const notice = { event, payload } as NoticeOf<N>;
      for (const listener of [...this.noticeListeners]) listener(notice);
    });
  }

  /**
   * The server that is shutting down closed this connection on purpose: Socket.IO schedules its
   * reconnection right after this 'disconnect' with the backoff's first delay; make that one 0
   * (the server already spread its connections out) and put the usual delay back afterwards.
   */
  private reconnectAtOnce(): void {
    this.serverClosing = false;
    this.socket.io.reconnectionDelay(0);
    setTimeout(() => this.socket.io.reconnectionDelay(RECONNECTION_DELAY_MS), 0);
  }

  private attempt(): number {
    return this.state.status.state === 'reconnecting' ? this.state.status.attempt : 0;
  }

  /** What every notice teaches the connection: the server's time and the newest message. */
  private noteNotice(event: string, payload: unknown, received: number): void {
    const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<
      string,
      unknown
    >;
    if (event === SNAPSHOT_EVENT) {
      const chat = Array.isArray(fields.chat) ? (fields.chat as { id: string }[]) : [];
      this.lastSeenMessageId = latestMessageId(this.lastSeenMessageId, chat);
      this.setStatus({ state: 'online', recovered: fields.recovered === true });
      if (typeof fields.tokenExpiresAt === 'string') this.renewTokenBefore(fields.tokenExpiresAt);
    } else if (event === TOKEN_EXPIRED_EVENT) {
      this.tokenExpired = true;
    } else if (event === SERVER_CLOSING_EVENT) {
      this.serverClosing = true;
    } else if (event === CHAT_EVENT && typeof fields.id === 'string') {
      this.lastSeenMessageId = latestMessageId(this.lastSeenMessageId, [{ id: fields.id }]);
    }
    if (typeof fields.serverNow === 'string') {
      const sample = clockOffset({
        serverNow: fields.serverNow,
        sentAt: received,
        receivedAt: received,
      });
      if (sample) this.useClock({ ...sample, measured: false });
    }
  }

  /** Measure the offset with a round trip (`time:sync`), the better estimate. */
  private async syncClock(): Promise<void> {
    const sentAt = this.options.now();
    const ack = (await this.request(
      SYNC_REQUEST as keyof R & string,
      {} as R[keyof R & string]['payload'],
    )) as RequestAck<{ serverNow?: string }>;
    if (!ack.ok || typeof ack.serverNow !== 'string') return;
    const sample = clockOffset({
      serverNow: ack.serverNow,
      sentAt,
      receivedAt: this.options.now(),
    });
    // A fresh measurement replaces the one of an earlier connection (the network may have changed).
    if (sample) this.useClock({ ...sample, measured: true }, true);
  }

  private useClock(candidate: ClockOffset & { measured: boolean }, fresh = false): void {
    this.clock = fresh ? candidate : betterOffset(this.clock, candidate);
    if (this.clock.offsetMs !== this.state.offsetMs) {
      this.state = { ...this.state, offsetMs: this.clock.offsetMs };
      this.emit();
    }
  }

  /**
   * The server drops a connection whose token expires: hand it a fresh one shortly before.
   * The HTTP client has usually renewed its token by then; otherwise it is asked to.
   */
  private renewTokenBefore(expiresAt: string): void {
    clearTimeout(this.tokenTimer);
    const due = Date.parse(expiresAt) - TOKEN_RENEW_AHEAD_MS - this.serverNow();
    if (!Number.isFinite(due)) return;
    this.tokenTimer = setTimeout(() => void this.renewToken(), Math.max(due, 1_000));
  }

  private async renewToken(): Promise<void> {
    if (this.closed || !this.socket.connected) return;
    let token = this.options.accessToken();
    if (!token || token === this.tokenInUse) {
      if (!(await this.options.refreshToken().catch(() => false))) return;
      token = this.options.accessToken();
    }
    if (!token || this.closed) return;
    const ack = (await this.request(
      TOKEN_REFRESH_REQUEST as keyof R & string,
      { token } as R[keyof R & string]['payload'],
    )) as RequestAck<{ tokenExpiresAt?: string }>;
    if (ack.ok && typeof ack.tokenExpiresAt === 'string') {
      this.tokenInUse = token;
      this.renewTokenBefore(ack.tokenExpiresAt);
    }
    // Refused or unanswered: the server ends the connection at expiry and the next
    // handshake carries the fresh token.
  }

  private async refused(data: LiveConnectErrorData): Promise<void> {
    if (data.code === SERVER_CLOSING_CODE) {
      // Reached a server on its way out: another one takes over in a moment.
      this.setStatus({ state: 'reconnecting', attempt: this.attempt() + 1 });
      this.retryTimer = setTimeout(
        () => this.reconnectNow(),
        Math.round(Math.random() * CLOSING_RETRY_MAX_MS),
      );
      return;
    }
    if (data.code === 'LIVE_UNAUTHENTICATED' && !this.authRetried) {
      this.authRetried = true;
      this.setStatus({ state: 'connecting' });
      let renewed: boolean;
      try {
        renewed = await this.options.refreshToken();
      } catch {
        // The refresh itself could not reach the server: not the end of the session.
        if (this.closed) return;
        this.setStatus({ state: 'reconnecting', attempt: 1 });
        this.retryTimer = setTimeout(() => this.reconnectNow(), 3_000);
        return;
      }
      if (this.closed) return;
      if (renewed) {
        this.socket.connect();
        return;
      }
      this.setStatus({
        state: 'refused',
        code: data.code,
        message: 'Your session has ended: sign in again to rejoin the live workshop.',
      });
      return;
    }
    this.setStatus({ state: 'refused', code: data.code, message: data.message });
  }

  private readonly wentOffline = (): void => {
    if (this.closed) return;
    this.setStatus({ state: 'offline' });
    // Drop the link now rather than after a heartbeat timeout; Socket.IO keeps the session
    // for recovery and tries again with backoff while the network is away.
    this.socket.io.engine?.close();
  };

  private readonly cameOnline = (): void => {
    if (this.closed) return;
    if (this.socket.connected) {
      this.setStatus({ state: 'online', recovered: true });
      return;
    }
    this.reconnectNow();
  };

  private setStatus(status: LiveStatus): void {
    this.state = { ...this.state, status };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
