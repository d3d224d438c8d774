import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { AppError, Public } from '@ideas-lab/platform';
import { ControlRoomService } from './control-room.service.js';
import { HelpQueueService } from './help-queue.service.js';
import { ACCESS_CHANGED } from './live-access.service.js';
import { LiveChatService } from './live-chat.service.js';
import { type ArrivalReads, LiveConnectionsService } from './live-connections.service.js';
import { LivePresenceService } from './live-presence.service.js';
import type {
  LiveAck,
  LiveClientToServer,
  LiveConnectErrorData,
  LiveConnectionData,
  LiveRequests,
  LiveServerToClient,
} from './live-events.js';
import { validatePayload } from './live-payloads.js';
import { LiveRealtime } from './live-publisher.js';
import { LiveError } from './live.errors.js';
import { MentorVisitsService } from './mentor-visits.service.js';
import { PinnedInstructionsService } from './pinned-instructions.service.js';
import { TimeRequestsService } from './time-requests.service.js';
import { SetupQueue } from './setup-queue.js';
import { TokenBucket } from './token-bucket.js';

/** setTimeout's longest delay; a token further from expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Per person, over all their connections to an instance: a burst of this many events, then
 * this many a second. (Per connection, opening more connections bought more events.)
 */
export const LIVE_RATE_LIMIT = { burst: 20, perSecond: 10 };

/**
 * Connections one person may hold to one instance (a few tabs and labs each); the next
 * handshake is refused with LIVE_TOO_MANY_CONNECTIONS until one closes.
 */
export const LIVE_CONNECTIONS_PER_PERSON = 12;

/** What one person holds on this instance: open connections and the events they share. */
interface PersonOnInstance {
  connections: number;
  bucket: TokenBucket;
}

/**
 * A graceful shutdown hands the connections over to the other instances spread over this
 * many milliseconds per connection (1,000 connections: one second; about what a surviving
 * instance takes to connect them afresh), and never over more than LIVE_DRAIN_MAX_MS.
 */
export const LIVE_DRAIN = { perConnectionMs: 1, maxMs: 8_000 };

/** Connections set up at once (handshake checks, channels, snapshot); the others queue. */
export const LIVE_SETUP_CONCURRENCY = 16;

type LiveSocket = Socket<
  LiveClientToServer,
  LiveServerToClient,
  Record<string, never>,
  LiveConnectionData
>;
type LiveNamespace = Namespace<
  LiveClientToServer,
  LiveServerToClient,
  Record<string, never>,
  LiveConnectionData
>;

/**
 * The `/live` namespace: transport only. The handshake is authenticated like HTTP (the
 * global HTTP guard is skipped with @Public: it cannot read a socket); each event is rate
 * limited, validated and handed to one service method; every outcome is acknowledged.
 */
@Public()
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger('LiveGateway');
  private readonly people = new Map<string, PersonOnInstance>();
  /** Each connection's expiry timer: at the token's expiry it is told and dropped. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly setups = new SetupQueue(LIVE_SETUP_CONCURRENCY);
  /** Each connection's place in the set-up queue, given back once its snapshot is out. */
  private readonly settingUp = new WeakMap<LiveSocket, () => void>();
  /** What each connection's handshake read for its snapshot, until the snapshot is out. */
  private readonly arrivalReads = new WeakMap<LiveSocket, ArrivalReads>();
  private closing = false;
  private namespace: LiveNamespace | null = null;

  constructor(
    private readonly realtime: LiveRealtime,
    private readonly connections: LiveConnectionsService,
    private readonly control: ControlRoomService,
    private readonly chat: LiveChatService,
    private readonly help: HelpQueueService,
    private readonly time: TimeRequestsService,
    private readonly pins: PinnedInstructionsService,
    private readonly mentors: MentorVisitsService,
    private readonly presenceChanges: LivePresenceService,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    this.namespace = namespace;
    this.realtime.bind(namespace as unknown as Namespace);
    namespace.use((socket, next) => {
      if (this.closing)
        return next(
          connectError(
            new LiveError(
              'LIVE_SERVER_CLOSING',
              'This server is shutting down: connect again in a moment (another one takes over).',
            ),
          ),
        );
      void this.setups.enter().then((leave) => {
        // A client gone while it waited, or before its connection event, gives its place back.
        if (socket.conn.readyState !== 'open') {
          leave();
          return next(new Error('the client left before its connection was set up'));
        }
        socket.conn.once('close', leave);
        this.settingUp.set(socket, leave);
        this.connections.authenticate(socket.handshake.auth).then(
          ({ data, reads }) => {
            if (!this.admit(socket, data.userId)) {
              leave();
              return next(
                connectError(
                  new LiveError(
                    'LIVE_TOO_MANY_CONNECTIONS',
                    `At most ${LIVE_CONNECTIONS_PER_PERSON} live connections at once: close another tab first.`,
                  ),
                ),
              );
            }
            socket.data = data;
            this.arrivalReads.set(socket, reads);
            next();
          },
          (error: unknown) => {
            leave();
            next(connectError(error));
          },
        );
      });
    });
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    this.expireAt(socket, socket.data.tokenExpiresAt);
    const leave = this.settingUp.get(socket);
    this.settingUp.delete(socket);
    const reads = this.arrivalReads.get(socket);
    this.arrivalReads.delete(socket);
    try {
      if (!reads) throw new Error('a connection without its handshake reads');
      const { channels, snapshot } = this.connections.arrive(socket.data, reads);
      await socket.join(channels);
      this.realtime.send(socket.id, 'live:snapshot', { ...snapshot, recovered: socket.recovered });
      this.presenceChanges.arrived(socket.data);
    } catch (error) {
      this.logger.error({ msg: 'live connection setup failed', err: error });
      socket.disconnect(true);
    } finally {
      leave?.();
    }
  }

  /**
   * Shutting down gracefully: stop taking connections (the listener closes, so a load balancer
   * sends newcomers to another instance, and a handshake that still arrives is refused with
   * LIVE_SERVER_CLOSING), hand every connection over to the other instances spread out in time
   * (`live:reconnect`, then its transport closes), announce the presence still pending, and
   * only then let go of the adapter: nothing is published through a closing Redis client.
   * Departures during the hand-over are not announced: those people are arriving elsewhere.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    this.namespace?.server.httpServer?.close();
    await this.realtime.drain({
      ...LIVE_DRAIN,
      tell: (connectionId, inMs) =>
        this.realtime.send(connectionId, 'live:reconnect', {
          code: 'LIVE_SERVER_CLOSING',
          message: 'This server is restarting: the live connection moves to another one.',
          inMs,
        }),
    });
    await this.presenceChanges.stop();
    await this.realtime.unbind();
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(this.expiries.get(socket.id));
    this.expiries.delete(socket.id);
    if (this.closing || !socket.data?.userId) return;
    this.presenceChanges.left(socket.data);
  }

  @SubscribeMessage('round:open')
  openRound(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'round:open'>(socket, () =>
      this.control.openRound(socket.data, validatePayload('round:open', payload)),
    );
  }

  @SubscribeMessage('round:close')
  closeRound(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'round:close'>(socket, () =>
      this.control.closeRound(socket.data, validatePayload('round:close', payload)),
    );
  }

  @SubscribeMessage('timer:adjust')
  adjustTimer(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'timer:adjust'>(socket, () =>
      this.control.adjustTimer(socket.data, validatePayload('timer:adjust', payload)),
    );
  }

  @SubscribeMessage('broadcast')
  broadcast(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'broadcast'>(socket, () =>
      this.control.broadcast(socket.data, validatePayload('broadcast', payload)),
    );
  }

  @SubscribeMessage('chat:send')
  sendChat(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'chat:send'>(socket, () =>
      this.chat.send(socket.data, validatePayload('chat:send', payload)),
    );
  }

  @SubscribeMessage('presence:list')
  presence(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'presence:list'>(socket, () => {
      validatePayload('presence:list', payload);
      return this.control.presence(socket.data);
    });
  }

  @SubscribeMessage('time:sync')
  timeSync(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'time:sync'>(socket, () => {
      validatePayload('time:sync', payload);
      return Promise.resolve({ serverNow: new Date().toISOString() });
    });
  }

  @SubscribeMessage('help:request')
  askHelp(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'help:request'>(socket, () =>
      this.help.ask(socket.data, validatePayload('help:request', payload)),
    );
  }

  @SubscribeMessage('help:claim')
  claimHelp(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'help:claim'>(socket, () =>
      this.help.claim(socket.data, validatePayload('help:claim', payload)),
    );
  }

  @SubscribeMessage('help:resolve')
  resolveHelp(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'help:resolve'>(socket, () =>
      this.help.resolve(socket.data, validatePayload('help:resolve', payload)),
    );
  }

  @SubscribeMessage('help:topics')
  mentorTopics(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'help:topics'>(socket, () =>
      this.help.setTopics(socket.data, validatePayload('help:topics', payload)),
    );
  }

  @SubscribeMessage('time:request')
  askTime(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'time:request'>(socket, () => {
      validatePayload('time:request', payload);
      return this.time.ask(socket.data);
    });
  }

  @SubscribeMessage('time:decide')
  decideTime(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'time:decide'>(socket, () =>
      this.time.decide(socket.data, validatePayload('time:decide', payload)),
    );
  }

  @SubscribeMessage('pin:set')
  pin(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'pin:set'>(socket, () =>
      this.pins.pin(socket.data, validatePayload('pin:set', payload)),
    );
  }

  @SubscribeMessage('pin:clear')
  unpin(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'pin:clear'>(socket, () =>
      this.pins.unpin(socket.data, validatePayload('pin:clear', payload)),
    );
  }

  @SubscribeMessage('rooms:recreate')
  recreateRooms(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'rooms:recreate'>(socket, () =>
      this.control.recreateRooms(socket.data, validatePayload('rooms:recreate', payload)),
    );
  }

  @SubscribeMessage('rooms:activity')
  roomsActivity(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'rooms:activity'>(socket, () => {
      validatePayload('rooms:activity', payload);
      return this.control.roomsActivity(socket.data);
    });
  }

  @SubscribeMessage('mentor:visit')
  visit(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    return this.respond<'mentor:visit'>(socket, () =>
      this.mentors.visit(socket.data, validatePayload('mentor:visit', payload)),
    );
  }

  /**
   * A fresh access token keeps the connection past the old one's expiry, if the person still
   * has a workshop role in the lab (else the connection is refused and closed). Roles that
   * changed since the connection began: it is told and closed, to come back with them.
   */
  @SubscribeMessage('auth:refresh')
  async refreshAuth(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown) {
    let rolesChanged = false;
    const ack = await this.respond<'auth:refresh'>(socket, async () => {
      const dto = validatePayload('auth:refresh', payload);
      const refreshed = await this.connections.refreshToken(socket.data, dto.token);
      rolesChanged = refreshed.rolesChanged;
      socket.data.tokenExpiresAt = refreshed.expiresAt;
      this.expireAt(socket, refreshed.expiresAt);
      return { tokenExpiresAt: new Date(Math.min(refreshed.expiresAt, 8.64e15)).toISOString() };
    });
    const refused =
      !ack.ok && (ack.code === 'LIVE_LAB_NOT_FOUND' || ack.code === 'LIVE_ROLE_REQUIRED');
    if (rolesChanged || refused) {
      // After the acknowledgement has gone out.
      setImmediate(() => {
        this.realtime.send(socket.id, 'live:access-changed', ACCESS_CHANGED);
        socket.disconnect();
      });
    }
    return ack;
  }

  /**
   * Count a new connection of the person on this instance, unless they hold the most already.
   * It is counted until its transport closes, however its set-up ends.
   */
  private admit(socket: LiveSocket, userId: string): boolean {
    let person = this.people.get(userId);
    if (person && person.connections >= LIVE_CONNECTIONS_PER_PERSON) return false;
    if (!person) {
      person = {
        connections: 0,
        bucket: new TokenBucket(LIVE_RATE_LIMIT.burst, LIVE_RATE_LIMIT.perSecond, Date.now()),
      };
      this.people.set(userId, person);
    }
    person.connections += 1;
    const counted = person;
    socket.conn.once('close', () => {
      counted.connections -= 1;
      if (counted.connections === 0 && this.people.get(userId) === counted)
        this.people.delete(userId);
    });
    return true;
  }

  /** At the token's expiry the connection is told (`auth:expired`) and dropped. */
  private expireAt(socket: LiveSocket, expiresAt: number): void {
    clearTimeout(this.expiries.get(socket.id));
    const delay = expiresAt - Date.now();
    const timer = setTimeout(
      () => {
        if (Date.now() < socket.data.tokenExpiresAt)
          return this.expireAt(socket, socket.data.tokenExpiresAt);
        this.expiries.delete(socket.id);
        this.realtime.send(socket.id, 'auth:expired', {
          code: 'LIVE_TOKEN_EXPIRED',
          message: 'The access token expired: connect again with a fresh one.',
          expiredAt: new Date(socket.data.tokenExpiresAt).toISOString(),
        });
        socket.disconnect(true);
      },
      Math.max(0, Math.min(delay, MAX_TIMER_MS)),
    );
    timer.unref();
    this.expiries.set(socket.id, timer);
  }

  /** Rate limit, run, and turn every outcome into an acknowledgement; nothing escapes to the socket. */
  private async respond<E extends keyof LiveRequests>(
    socket: LiveSocket,
    work: () => Promise<LiveRequests[E]['result']>,
  ): Promise<LiveAck<LiveRequests[E]['result']>> {
    const person = this.people.get(socket.data.userId);
    if (!person?.bucket.take(Date.now())) {
      return {
        ok: false,
        code: 'LIVE_RATE_LIMITED',
        message: `Slow down: at most ${LIVE_RATE_LIMIT.perSecond} events a second.`,
      };
    }
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      if (error instanceof AppError)
        return {
          ok: false,
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        };
      this.logger.error({ msg: 'live event failed', err: error, userId: socket.data.userId });
      return {
        ok: false,
        code: 'LIVE_INTERNAL_ERROR',
        message: 'Something went wrong on our side; try again.',
      };
    }
  }
}

function connectError(error: unknown): Error {
  const data: LiveConnectErrorData =
    error instanceof AppError
      ? { code: error.code, message: error.message }
      : {
          code: 'LIVE_INTERNAL_ERROR',
          message: 'The live connection could not be set up; try again.',
        };
  return Object.assign(new Error(data.message), { data });
}
