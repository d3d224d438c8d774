import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { createAdapter } from '@socket.io/redis-streams-adapter';
import type { createClient } from 'redis';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

/** How long a client may be gone and still get its rooms and missed events back. */
export const CONNECTION_RECOVERY_MS = 2 * 60_000;
/**
 * Connection-state recovery replays at most this many entries of the Redis stream: a client
 * that missed more is served as a new connection (its snapshot brings it up to date), so a
 * reconnect never reads and decodes an unbounded tail of everyone's traffic.
 */
export const RECOVERY_MAX_ENTRIES = 100;
/** How long the stream's recovery horizon is reused: during a reconnect storm one read serves many. */
const HORIZON_TTL_MS = 100;

type RedisClient = ReturnType<typeof createClient>;
type AdapterFactory = ReturnType<typeof createAdapter>;
type StreamsAdapter = ReturnType<AdapterFactory>;

/**
 * The largest message a client may send (Socket.IO's default is 1 MB): the largest event is a
 * chat message of 4,000 characters, at most 24 KB as JSON even if every one is escaped.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Socket.IO for every gateway: connection-state recovery on, and with a Redis URL the
 * Redis Streams adapter, so events, room joins and recovery work across API instances
 * (the streams adapter keeps recovery, unlike the pub/sub one). Call `connect()` before
 * the application initialises.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly log = new Logger('Realtime');
  private redis: RedisClient | null = null;
  private adapterFactory: AdapterFactory | null = null;
  private readonly servers = new Set<Server>();

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | null,
    /** Names the stream, the pub/sub channels and the session keys (REDIS_PREFIX). */
    private readonly redisPrefix = 'ideas-lab',
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    if (!this.redisUrl || this.redis) return;
    // Loaded only when asked for: the Redis client is a fifth of a second of every start.
    const [{ createClient }, { createAdapter }] = await Promise.all([
      import('redis'),
      import('@socket.io/redis-streams-adapter'),
    ]);
    const client = createClient({ url: this.redisUrl });
    client.on('error', (error: unknown) =>
      this.log.error({ msg: 'Redis client error', err: error }),
    );
    await client.connect();
    this.redis = client;
    // Short blocking reads, so a closing server lets go of its stream reader quickly.
    const streamName = `${this.redisPrefix}:socket.io`;
    const factory = createAdapter(client, {
      streamName,
      channelPrefix: `${this.redisPrefix}:socket.io`,
      sessionKeyPrefix: `${this.redisPrefix}:socket.io:session:`,
      blockTimeInMs: 1_000,
    });
    const horizon = recoveryHorizon(client, streamName);
    // A plain function: Socket.IO calls it with `new`.
    this.adapterFactory = function (nsp: Parameters<AdapterFactory>[0]) {
      return boundRecovery(factory(nsp), horizon);
    } as AdapterFactory;
    this.log.log('Socket.IO fans out through Redis Streams');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      connectionStateRecovery: {
        maxDisconnectionDuration: CONNECTION_RECOVERY_MS,
        skipMiddlewares: false,
      },
    } as ServerOptions);
    if (this.adapterFactory) server.adapter(this.adapterFactory);
    this.servers.add(server);
    return server;
  }

  /**
   * One plain listener per handler instead of Nest's rxjs pipeline per socket and handler
   * (`fromEvent` + `mergeMap` + `takeUntil(disconnect$)`), which bench:live measured at ~4 KB per
   * handler per socket: ~100 KB per live connection against ~20 KB on a bare server, and the
   * garbage-collection pauses behind the 5,000-client tail. The contract is Nest's: the payload
   * and ack are split by `mapPayload`, a result with `event` is emitted, any other result acks
   * (unless the handler acks itself), and a failing handler is logged without touching the socket.
   */
  override bindMessageHandlers(
    socket: Socket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    for (const { message, callback, isAckHandledManually } of handlers) {
      socket.on(message as string, (...args: unknown[]) => {
        const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
        const fail = (error: unknown) =>
          this.log.error({ msg: `${String(message)} failed`, err: error });
        let results: Observable<unknown>;
        try {
          results = transform(callback(data, ack));
        } catch (error) {
          fail(error);
          return;
        }
        results.subscribe({
          next: (response) => {
            if (response === null || response === undefined) return;
            const event = response as { event?: string; data?: unknown };
            if (event.event) socket.emit(event.event, event.data);
            else if (!isAckHandledManually && typeof ack === 'function') ack(response);
          },
          error: fail,
        });
      });
    }
  }

  /**
   * Nest closes only what `create` returned — for a gateway namespace that is the namespace,
   * which has no `close` — so the Socket.IO servers and their adapters would live on: the
   * cluster adapter's heartbeat would keep publishing through a Redis client that is gone.
   * Drop every socket and close every namespace adapter first, then let go of Redis.
   */
  override async dispose(): Promise<void> {
    for (const server of this.servers) {
      for (const namespace of server._nsps.values()) {
        namespace.local.disconnectSockets(true);
        await namespace.adapter.close();
      }
      server.engine.close();
    }
    this.servers.clear();
    await super.dispose();
    const client = this.redis;
    this.redis = null;
    if (client?.isOpen) await client.quit();
  }
}

/** Compares two stream ids (`<ms>-<seq>`). */
function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aSeq === bSeq ? 0 : aSeq < bSeq ? -1 : 1;
}

/**
 * The oldest offset from which recovery may still replay: the id of the stream's
 * (RECOVERY_MAX_ENTRIES + 1)-th newest entry, or null while the stream is shorter. One
 * XREVRANGE, shared by every restore for HORIZON_TTL_MS.
 */
function recoveryHorizon(client: RedisClient, streamName: string): () => Promise<string | null> {
  let cached: { at: number; id: Promise<string | null> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > HORIZON_TTL_MS) {
      const id = client
        .xRevRange(streamName, '+', '-', { COUNT: RECOVERY_MAX_ENTRIES + 1 })
        .then((entries) =>
          entries.length > RECOVERY_MAX_ENTRIES ? (entries.at(-1)?.id ?? null) : null,
        );
      cached = { at: Date.now(), id };
      // A failed read is not kept: the next restore asks again.
      id.catch(() => (cached = null));
    }
    return cached.id;
  };
}

/**
 * The streams adapter's recovery reads the stream from the client's offset to its end and
 * decodes every broadcast in it (measured: 29 % of the CPU of a 1,000-client reconnect storm).
 * Here a client whose offset lies more than RECOVERY_MAX_ENTRIES entries back is refused
 * recovery before anything is read; Socket.IO then connects it afresh (`recovered` false).
 */
function boundRecovery(adapter: StreamsAdapter, horizon: () => Promise<string | null>) {
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid: string, offset: string) => {
    if (!/^[0-9]+-[0-9]+$/.test(offset)) throw new Error('invalid offset');
    const oldest = await horizon();
    if (oldest && compareStreamIds(offset, oldest) < 0)
      throw new Error(`more than ${RECOVERY_MAX_ENTRIES} entries missed: not recovered`);
    return restore(pid, offset);
  };
  return adapter;
}
