// The yardstick of `npm run bench:live`: a plain Socket.IO server (the same socket.io
// 4.8 and the same server options as the API's Nest adapter, which passes none but the
// namespace, on a bare `node:http` server) with a `/live` namespace where every client joins
// one room and a `broadcast` event is re-emitted to that room as `broadcast:message`, with
// a payload of the API's shape and size. No auth, no database, no Nest, no validation.
// Its cost is what fanning out one message to N websocket clients costs here; whatever
// the API costs above it is its own.
//
// Started by live.bench.mjs with `fork`; it reports its port over IPC.
// BARE_FROM_ID / BARE_FROM_NAME: the organiser as the API would name it (same JSON size).
// BARE_RECOVERY=true turns on connection-state recovery as the API has it (off: plain).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const from = {
  userId: process.env.BARE_FROM_ID ?? '00000000-0000-4000-8000-000000000000',
  displayName: process.env.BARE_FROM_NAME ?? 'Organiser',
};
const recovery = process.env.BARE_RECOVERY === 'true';

const httpServer = createServer();
const io = new Server(
  httpServer,
  recovery
    ? { connectionStateRecovery: { maxDisconnectionDuration: 120_000, skipMiddlewares: false } }
    : {},
);
const live = io.of('/live');
const ROOM = 'lab';

live.on('connection', (socket) => {
  socket.join(ROOM);
  socket.emit('live:snapshot', { serverNow: new Date().toISOString(), recovered: false });
  socket.on('broadcast', (payload, ack) => {
    const message = typeof payload?.message === 'string' ? payload.message.trim() : '';
    const id = randomUUID();
    live.to(ROOM).emit('broadcast:message', {
      id,
      message,
      roomId: null,
      from,
      sentAt: new Date().toISOString(),
    });
    if (typeof ack === 'function') ack({ ok: true, id });
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  process.send?.({ port: httpServer.address().port });
});

const stop = () => {
  io.close();
  setTimeout(() => process.exit(0), 200).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
