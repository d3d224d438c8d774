// A share of the clients of `npm run bench:live`: real socket.io-client sockets (websocket
// transport) in a process of their own, forked and driven over IPC by live.bench.mjs, so
// thousands of clients are spread over processes (and cores) and none of them shares an
// event loop with a server under test or with the organiser who stamps the send time.
// One process holds clients of both servers of a case (the API and the bare one), so the
// two are measured with the same clients, interleaved.
//
// parent → worker
//   { type: 'connect', target, url | urls, auths, ratePerSecond, concurrency, readyEvent, timeoutMs }
//       connect every auth to `url` (the i-th to urls[i % urls.length]) at most `ratePerSecond`
//       new connections a second (null: as fast as they go) and at most `concurrency`
//       handshakes in flight; a client counts once `readyEvent` arrives (the API's
//       `live:snapshot`; the bare server sends one too).
//   { type: 'report' }   send every receipt time (and losses) back.
//   { type: 'seated', target }   how many clients of the target know their breakout room.
//   { type: 'drop', target }     disconnect the target's clients (on purpose: not counted lost).
//   { type: 'failover', target, url }
//       from now on, a client of the target whose connection closes reconnects at once to
//       `url` (as a load balancer would send it to the instance left), with its Socket.IO
//       session id and offset, as the web client does after `live:reconnect`.
//   { type: 'failover-report', target }
//   { type: 'close' }    disconnect every socket and exit.
// worker → parent
//   { type: 'progress', target, connected, failed }
//   { type: 'connected', target, connected, failed, errors, ms }
//   { type: 'got', seq }       every socket of the target still connected received broadcast `seq`
//   { type: 'report', receipts: { [seq]: number[] }, lost: { [target]: n }, lostReasons }
//   { type: 'seated', target, seated }
//   { type: 'dropped', target }
//   { type: 'armed', target }
//   { type: 'failover-report', target, backs: number[] (ns), wrongRoom, recovered, told,
//     notBack, retries }
//
// Clock: a receipt is `process.hrtime.bigint()` (CLOCK_MONOTONIC, one clock for every
// process on the machine), taken first thing in the handler; the organiser stamps the send
// with the same clock in the parent process.
import { io } from 'socket.io-client';

const sockets = [];
/** target → [{ socket, room, failover }]: each client's breakout room as it last heard it. */
const clients = {};
/** seq → receipt times (ns, as numbers) */
const receipts = new Map();
/** target → clients that got their snapshot / that dropped afterwards */
const ready = {};
const lost = {};
const lostReasons = {};
let closing = false;

const send = (message) => {
  if (process.connected) process.send(message);
};
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function onBroadcast(target, payload) {
  const at = Number(process.hrtime.bigint());
  const message = typeof payload?.message === 'string' ? payload.message : '';
  if (!message.startsWith('bench ')) return;
  const seq = Number(message.slice(6));
  let list = receipts.get(seq);
  if (!list) receipts.set(seq, (list = []));
  list.push(at);
  if (list.length === ready[target] - lost[target]) send({ type: 'got', seq });
}

/** A client of a failed-over target lost its connection: back at once, to the instance left. */
function failOver(client, failover) {
  const { socket } = client;
  client.gone = true;
  failover.goneAt ??= Number(process.hrtime.bigint());
  socket.io.uri = failover.url;
  socket.connect();
}

function connectOne({ target, url, auth, readyEvent, timeoutMs }) {
  return new Promise((resolve) => {
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
    });
    const client = { socket, room: null, gone: false, told: false, failover: null };
    socket.on('live:snapshot', (snapshot) => {
      if (client.failover && client.gone) {
        const at = Number(process.hrtime.bigint());
        client.gone = false;
        const f = client.failover;
        if (f.backAt === null) {
          f.backAt = at;
          f.wrongRoom = (snapshot?.room?.id ?? null) !== f.expectedRoom;
          f.recovered = snapshot?.recovered === true;
        }
      }
      client.room = snapshot?.room?.id ?? null;
    });
    socket.on('room:assigned', (payload) => {
      client.room = payload?.room?.id ?? null;
    });
    socket.on('live:reconnect', () => {
      client.told = true;
    });
    socket.on('connect_error', () => {
      // During a failover: the instance left refused or was not reachable; try again shortly.
      if (client.failover && client.gone) {
        client.failover.retries += 1;
        setTimeout(() => socket.connect(), 250 + Math.random() * 500);
      }
    });
    let settled = false;
    const timer = setTimeout(() => finish(`no ${readyEvent} within ${timeoutMs} ms`), timeoutMs);
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.disconnect();
        resolve(error);
        return;
      }
      sockets.push(socket);
      (clients[target] ??= []).push(client);
      ready[target] += 1;
      socket.on('disconnect', (reason) => {
        if (closing || client.dropped) return;
        if (client.failover) {
          client.failover.reasons[reason] = (client.failover.reasons[reason] ?? 0) + 1;
          if (!client.gone) failOver(client, client.failover);
          return;
        }
        lost[target] += 1;
        lostReasons[reason] = (lostReasons[reason] ?? 0) + 1;
      });
      resolve(null);
    };
    socket.on('broadcast:message', (payload) => onBroadcast(target, payload));
    socket.once(readyEvent, () => finish(null));
    socket.once('connect_error', (error) =>
      finish(`${error?.data?.code ?? 'connect_error'}: ${error?.data?.message ?? error?.message}`),
    );
    socket.once('disconnect', (reason) => finish(`disconnected before ${readyEvent}: ${reason}`));
  });
}

async function connectAll({
  target,
  url,
  urls,
  auths,
  ratePerSecond,
  concurrency,
  readyEvent,
  timeoutMs,
}) {
  ready[target] = 0;
  lost[target] = 0;
  const startedAt = Date.now();
  const errors = {};
  let failed = 0;
  let inFlight = 0;
  const pending = [];
  const gapMs = ratePerSecond ? 1000 / ratePerSecond : 0;
  const progress = setInterval(
    () => send({ type: 'progress', target, connected: ready[target], failed }),
    1000,
  );
  for (let i = 0; i < auths.length; i++) {
    // Pace: the i-th connection starts no earlier than i / rate seconds after the first.
    const due = startedAt + i * gapMs;
    const wait = due - Date.now();
    if (wait > 1) await sleep(wait);
    while (inFlight >= concurrency) await sleep(2);
    inFlight += 1;
    const to = urls ? urls[i % urls.length] : url;
    pending.push(
      connectOne({ target, url: to, auth: auths[i], readyEvent, timeoutMs }).then((error) => {
        inFlight -= 1;
        if (error) {
          failed += 1;
          const key = error.slice(0, 160);
          errors[key] = (errors[key] ?? 0) + 1;
        }
      }),
    );
  }
  await Promise.all(pending);
  clearInterval(progress);
  send({
    type: 'connected',
    target,
    connected: ready[target],
    failed,
    errors,
    ms: Date.now() - startedAt,
  });
}

process.on('message', (message) => {
  if (message.type === 'connect') {
    connectAll(message).catch((error) => {
      process.stderr.write(`live-clients: ${error?.stack ?? error}\n`);
      process.exit(1);
    });
  } else if (message.type === 'report') {
    send({
      type: 'report',
      receipts: Object.fromEntries(receipts),
      lost,
      lostReasons,
    });
  } else if (message.type === 'seated') {
    const seated = (clients[message.target] ?? []).filter((c) => c.room !== null).length;
    send({ type: 'seated', target: message.target, seated });
  } else if (message.type === 'drop') {
    for (const client of clients[message.target] ?? []) {
      client.dropped = true;
      client.socket.disconnect();
    }
    send({ type: 'dropped', target: message.target });
  } else if (message.type === 'failover') {
    for (const client of clients[message.target] ?? [])
      client.failover = {
        url: message.url,
        expectedRoom: client.room,
        backAt: null,
        wrongRoom: false,
        recovered: false,
        retries: 0,
        goneAt: null,
        reasons: {},
      };
    send({ type: 'armed', target: message.target });
  } else if (message.type === 'failover-report') {
    const list = clients[message.target] ?? [];
    const back = list.filter((c) => c.failover?.backAt != null);
    send({
      type: 'failover-report',
      target: message.target,
      backs: back.map((c) => c.failover.backAt),
      wrongRoom: back.filter((c) => c.failover.wrongRoom).length,
      recovered: back.filter((c) => c.failover.recovered).length,
      told: list.filter((c) => c.told).length,
      notBack: list.length - back.length,
      gones: list.map((c) => c.failover?.goneAt).filter((at) => at != null),
      reasons: list.reduce((all, c) => {
        for (const [k, v] of Object.entries(c.failover?.reasons ?? {})) all[k] = (all[k] ?? 0) + v;
        return all;
      }, {}),
      retries: list.reduce((sum, c) => sum + (c.failover?.retries ?? 0), 0),
    });
  } else if (message.type === 'close') {
    closing = true;
    for (const socket of sockets) socket.disconnect();
    // Let the close frames go out before the process (and its sockets) ends.
    setTimeout(() => process.exit(0), 500);
  }
});
// The bench went away: do not linger.
process.on('disconnect', () => process.exit(0));
