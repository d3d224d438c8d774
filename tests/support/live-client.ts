import { io, type Socket } from 'socket.io-client';
import type {
  LiveAck,
  LiveClientToServer,
  LiveConnectErrorData,
  LiveNotices,
  LiveRequests,
  LiveServerToClient,
  LiveSnapshot,
} from '@ideas-lab/live';
import type { Session } from './api-client.js';

/**
 * How long a test waits for a notice or a refusal before it fails. A notice can queue behind a
 * solve or a browser on a loaded machine (two cores shared by two test files and Chromium), so
 * this is generous: it only says how late a missing notice fails, never how fast one must come.
 */
const WAIT_MS = 15_000;
/**
 * Requests may solve (rooms recreated by size run the rotation planner in the solver pool,
 * whose first solve starts a thread that loads the TypeScript solvers through tsx): on a
 * loaded machine that first answer can take several seconds.
 */
const REQUEST_WAIT_MS = 20_000;

type Notice<E extends keyof LiveNotices> = LiveNotices[E];

/**
 * A real socket.io-client on the `/live` namespace that records every notice it receives,
 * so a test can wait for one that may already have arrived (no sleeps, no lost events).
 */
export class LiveTestClient {
  readonly socket: Socket<LiveServerToClient, LiveClientToServer>;
  private readonly received: { event: string; payload: unknown }[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    baseUrl: string,
    auth: { token: string; labId: string; lastSeenMessageId?: string | null },
  ) {
    this.socket = io(`${baseUrl}/live`, {
      auth,
      transports: ['websocket'],
      autoConnect: false,
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload });
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Connect and resolve with the snapshot the server sends. */
  async connect(): Promise<LiveSnapshot> {
    const snapshot = this.next('live:snapshot');
    const failed = new Promise<never>((_, reject) =>
      this.socket.once('connect_error', (e) => reject(e)),
    );
    this.socket.connect();
    return Promise.race([snapshot, failed]);
  }

  /** Connect expecting a refusal; resolves with its error data. */
  refused(): Promise<LiveConnectErrorData> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('expected connect_error, none came')),
        WAIT_MS,
      );
      this.socket.once('connect_error', (error: Error & { data?: LiveConnectErrorData }) => {
        clearTimeout(timer);
        resolve(error.data ?? { code: 'NONE', message: error.message });
      });
      this.socket.once('connect', () => {
        clearTimeout(timer);
        reject(new Error('connected, but a refusal was expected'));
      });
      this.socket.connect();
    });
  }

  /** The next notice of this kind (matching `where`), taken from what arrived or waited for. */
  next<E extends keyof LiveNotices>(
    event: E,
    where: (payload: Notice<E>) => boolean = () => true,
    timeoutMs = WAIT_MS,
  ): Promise<Notice<E>> {
    return new Promise((resolve, reject) => {
      const take = (): boolean => {
        const index = this.received.findIndex(
          (r) => r.event === event && where(r.payload as Notice<E>),
        );
        if (index < 0) return false;
        const [found] = this.received.splice(index, 1);
        resolve(found.payload as Notice<E>);
        return true;
      };
      if (take()) return;
      const wake = () => {
        if (take()) done();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(
          new Error(
            `no ${event} within ${timeoutMs} ms (got: ${this.received.map((r) => r.event).join(', ') || 'nothing'})`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** Every notice of this kind received so far and not yet taken. */
  all<E extends keyof LiveNotices>(event: E): Notice<E>[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as Notice<E>);
  }

  /** Send a request and wait for its acknowledgement. */
  request<E extends keyof LiveRequests>(
    event: E,
    payload: unknown,
  ): Promise<LiveAck<LiveRequests[E]['result']>> {
    const timed = this.socket.timeout(REQUEST_WAIT_MS) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<LiveAck<LiveRequests[E]['result']>>;
    };
    return timed.emitWithAck(event, payload);
  }

  close(): void {
    this.socket.disconnect();
  }
}

export function liveClient(
  baseUrl: string,
  session: Session,
  labId: string,
  extra: { lastSeenMessageId?: string | null } = {},
): LiveTestClient {
  return new LiveTestClient(baseUrl, { token: session.accessToken, labId, ...extra });
}
