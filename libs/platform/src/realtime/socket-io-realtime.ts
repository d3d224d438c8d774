import { Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { RealtimePort, type RealtimeMember } from './realtime.port.js';

/** How long a cross-instance `members` query waits for the other instances. */
const FETCH_TIMEOUT_MS = 2_000;
/** The server-side event that carries an ephemeral notice to the other instances. */
const EPHEMERAL_EVENT = 'realtime:ephemeral';

/** How a closing server hands its connections over to the other instances. */
export interface DrainOptions {
  /** Spread the moves over this many milliseconds per connection... */
  perConnectionMs: number;
  /** ...but over no more than this in all. */
  maxMs: number;
  /** Told to each connection first (with `send`): it is moved (its transport closed) in `inMs`. */
  tell(connectionId: string, inMs: number): void;
}

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
    if (clustered(namespace))
      namespace.on(EPHEMERAL_EVENT, (channels: string[], event: string, payload: unknown) => {
        if (this.namespace === namespace) emitLocally(namespace, channels, event, payload);
      });
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

  /**
   * To one connection of this instance, written to it directly, past the adapter. With
   * connection-state recovery on, Socket.IO routes even `socket.emit` through the adapter: with
   * Redis every snapshot would be an entry of the stream that every instance reads and every
   * recovery decodes, and the in-memory adapter of a single instance keeps each one (with an
   * offset) for the whole recovery window, so a connect's snapshot stayed in memory two minutes
   * and a recovery could replay a notice that made the client reconnect. What is sent here is
   * for this connection now and never replayed.
   */
  send<E extends keyof Events & string>(connectionId: string, event: E, payload: Events[E]): void {
    const namespace = this.bound(event);
    const socket = namespace?.sockets.get(connectionId) as unknown as DirectSocket | undefined;
    socket?.packet({ type: EVENT_PACKET, data: [event, payload] });
  }

  emitEphemeral<E extends keyof Events & string>(
    channels: string | readonly string[],
    event: E,
    payload: Events[E],
  ): void {
    const namespace = this.bound(event);
    if (!namespace) return;
    const list = typeof channels === 'string' ? [channels] : [...channels];
    if (list.length === 0) return;
    // Through the cluster adapter's pub/sub (as its fetchSockets requests go), not its stream:
    // connection-state recovery reads only the stream.
    if (clustered(namespace)) namespace.serverSideEmit(EPHEMERAL_EVENT, list, event, payload);
    emitLocally(namespace, list, event, payload);
  }

  /**
   * Hand every connection of this instance over to the others, spread out in time: each is
   * told when (`tell`), then at that moment its transport is closed, as a lost network would
   * close it, so the client reconnects (through the load balancer, to another instance) and
   * its session is kept for connection-state recovery. Resolves once every connection is gone
   * or the spread plus a second has passed. The caller stops new connections first.
   */
  async drain(options: DrainOptions): Promise<void> {
    const namespace = this.namespace;
    if (!namespace) return;
    const sockets = [...namespace.sockets.values()];
    if (sockets.length === 0) return;
    const spreadMs = Math.min(options.maxMs, sockets.length * options.perConnectionMs);
    // One slot per connection, a random moment in each, the slots dealt out at random: the
    // arrivals elsewhere are as even as a queue, and nobody is always first.
    const slots = sockets.map((_, i) => ((i + Math.random()) * spreadMs) / sockets.length);
    for (let i = slots.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [slots[i], slots[j]] = [slots[j]!, slots[i]!];
    }
    const timers = sockets.map((socket, i) => {
      const inMs = Math.round(slots[i]!);
      options.tell(socket.id, inMs);
      return setTimeout(() => socket.conn.close(), inMs);
    });
    const deadline = Date.now() + spreadMs + 1_000;
    while (namespace.sockets.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    for (const timer of timers) clearTimeout(timer);
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

  disconnect(of: string | readonly string[]): void {
    const namespace = this.bound('disconnect');
    // No channel means nobody (`in([])` would mean everyone).
    if (namespace && of.length > 0)
      namespace.in(typeof of === 'string' ? of : [...of]).disconnectSockets(false);
  }

  async members(channel: string | readonly string[]): Promise<RealtimeMember<Data>[]> {
    const namespace = this.bound('members');
    // No channel means nobody (`in([])` would mean everyone).
    if (!namespace || channel.length === 0) return [];
    const query = namespace
      .in(typeof channel === 'string' ? channel : [...channel])
      .timeout(FETCH_TIMEOUT_MS)
      .fetchSockets();
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

/** Socket.IO's packet type of an event (socket.io-parser's `PacketType.EVENT`). */
const EVENT_PACKET = 2;

/**
 * What `send` uses of a Socket.IO socket: `packet` writes one packet to the connection, as
 * `socket.emit` does without connection-state recovery (it is private in the typings).
 */
interface DirectSocket {
  packet(packet: { type: number; data: unknown[] }): void;
}

/** With a cluster adapter (Redis), server-side events reach the other instances. */
function clustered(namespace: Namespace): boolean {
  return typeof (namespace.adapter as { publish?: unknown }).publish === 'function';
}

function emitLocally(namespace: Namespace, channels: string[], event: string, payload: unknown) {
  (namespace.local.to(channels) as unknown as { emit(event: string, payload: unknown): void }).emit(
    event,
    payload,
  );
}
