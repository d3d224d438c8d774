import { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RealtimePort, type RealtimeMember } from './realtime.port.js';

/** How long a cross-instance `members` query waits for the other instances. */
const FETCH_TIMEOUT_MS = 2_000;

/**
 * The realtime port over one Socket.IO namespace. The gateway binds the namespace once it
 * exists; with the Redis Streams adapter installed every call reaches every instance.
 */
export class SocketIoRealtime<Events extends object, Data = unknown> extends RealtimePort<
  Events,
  Data
> {
  private namespace: Namespace | null = null;
  private closed = false;
  /** Cross-instance queries still waiting: shutdown lets them finish before Redis goes. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly logger = new Logger('Realtime');

  bind(namespace: Namespace): void {
    this.namespace = namespace;
    this.closed = false;
  }

  /**
   * The server is shutting down: drop what is published from now on (its adapter is closing
   * too), and wait for the cross-instance queries already asked, which publish through the
   * adapter a moment after they start and would otherwise find its Redis client closed.
   */
  async unbind(): Promise<void> {
    this.namespace = null;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  emit<E extends keyof Events & string>(
    channels: string | readonly string[],
    event: E,
    payload: Events[E],
  ): void {
    const namespace = this.bound(event);
    if (!namespace) return;
    const list = typeof channels === 'string' ? [channels] : [...channels];
    if (list.length === 0) return;
    (namespace.to(list) as unknown as { emit(event: string, payload: unknown): void }).emit(
      event,
      payload,
    );
  }

  join(of: string | readonly string[], channels: readonly string[]): void {
    const namespace = this.bound('join');
    if (namespace && channels.length > 0)
      namespace.in(typeof of === 'string' ? of : [...of]).socketsJoin([...channels]);
  }

  leave(of: string | readonly string[], channels: readonly string[]): void {
    const namespace = this.bound('leave');
    if (namespace && channels.length > 0)
      namespace.in(typeof of === 'string' ? of : [...of]).socketsLeave([...channels]);
  }

  async members(channel: string): Promise<RealtimeMember<Data>[]> {
    const namespace = this.bound('members');
    if (!namespace) return [];
    const query = namespace.in(channel).timeout(FETCH_TIMEOUT_MS).fetchSockets();
    this.inFlight.add(query);
    const sockets = await query.finally(() => this.inFlight.delete(query));
    return sockets.map((s) => ({
      connectionId: s.id,
      data: s.data as Data,
      channels: [...s.rooms].filter((r) => r !== s.id),
    }));
  }

  private bound(what: string): Namespace | null {
    if (!this.namespace && !this.closed)
      this.logger.warn(`realtime ${what} before the gateway started: dropped`);
    return this.namespace;
  }
}
