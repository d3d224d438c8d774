import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveConnection, type LiveStatus } from './live-connection';

/**
 * The connection against a real Socket.IO server standing in for an API instance that shuts
 * down gracefully: it tells each client (`live:reconnect`), closes its transport, or refuses
 * the handshake while it closes.
 */
describe('LiveConnection when a server shuts down', () => {
  let http: HttpServer;
  let io: Server;
  let origin: string;
  let refuseNext = 0;
  let handshakes = 0;
  const open: LiveConnection[] = [];

  beforeAll(async () => {
    (globalThis as { window?: unknown }).window = {
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      location: { origin: 'http://127.0.0.1' },
    };
    http = createServer();
    io = new Server(http, { connectionStateRecovery: {} });
    const live = io.of('/live');
    live.use((_socket, next) => {
      handshakes += 1;
      if (refuseNext > 0) {
        refuseNext -= 1;
        const error = Object.assign(new Error('closing'), {
          data: { code: 'LIVE_SERVER_CLOSING', message: 'closing' },
        });
        return next(error);
      }
      next();
    });
    live.on('connection', (socket: Socket) =>
      socket.emit('live:snapshot', { chat: [], recovered: socket.recovered }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    for (const connection of open.splice(0)) connection.close();
    handshakes = 0;
  });
  afterAll(async () => {
    await io.close();
    delete (globalThis as { window?: unknown }).window;
  });

  const connect = () => {
    const connection = new LiveConnection({
      labId: 'lab-1',
      accessToken: () => 'token',
      refreshToken: () => Promise.resolve(true),
      origin,
      transports: ['websocket'],
    });
    open.push(connection);
    return connection.start();
  };
  const statuses = (connection: LiveConnection) => {
    const seen: LiveStatus['state'][] = [];
    connection.subscribe(() => seen.push(connection.getState().status.state));
    return seen;
  };
  const until = async (what: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!what()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const online = (connection: LiveConnection) => () =>
    connection.getState().status.state === 'online';

  it('comes back after the server closes it for a hand-over, and the session is recovered', async () => {
    const connection = connect();
    await until(online(connection));
    const seen = statuses(connection);
    const [socket] = await io.of('/live').fetchSockets();
    socket!.emit('live:reconnect', { code: 'LIVE_SERVER_CLOSING', message: 'moving', inMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const server = io.of('/live').sockets.get(socket!.id)!;
    server.conn.close();
    await until(() => seen.includes('reconnecting'));
    await until(online(connection));
    // Reconnected with its session id and offset: the server restored the session.
    expect(connection.getState().status).toEqual({ state: 'online', recovered: true });
  });

  it('tries again, instead of giving up, when a closing server refuses the handshake', async () => {
    refuseNext = 2;
    const connection = connect();
    const seen = statuses(connection);
    await until(online(connection), 10_000);
    expect(seen).not.toContain('refused');
    expect(handshakes).toBe(3);
  });
});
