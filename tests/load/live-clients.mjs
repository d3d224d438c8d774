// A share of the clients of `npm run bench:live`: real socket.io-client sockets (websocket
// transport) in a process of their own, forked and driven over IPC by live.bench.mjs, so
// thousands of clients are spread over processes (and cores) and none of them shares an
// event loop with a server under test or with the organiser who stamps the send time.
// One process holds clients of both servers of a case (the API and the bare one), so the
// two are measured with the same clients, interleaved.
//
// parent → worker
//   { type: 'connect', target, url, auths, ratePerSecond, concurrency, readyEvent, timeoutMs }
//       connect every auth to `url` at most `ratePerSecond` new connections a second and at
//       most `concurrency` handshakes in flight; a client counts once `readyEvent` arrives
//       (the API's `live:snapshot`; the bare server sends one too).
//   { type: 'report' }   send every receipt time (and losses) back.
//   { type: 'close' }    disconnect every socket and exit.
// worker → parent
//   { type: 'progress', target, connected, failed }
//   { type: 'connected', target, connected, failed, errors, ms }
//   { type: 'got', seq }       every socket of the target still connected received broadcast `seq`
//   { type: 'report', receipts: { [seq]: number[] }, lost: { [target]: n }, lostReasons }
//
// Clock: a receipt is `process.hrtime.bigint()` (CLOCK_MONOTONIC, one clock for every
// process on the machine), taken first thing in the handler; the organiser stamps the send
// with the same clock in the parent process.
import { io } from 'socket.io-client';

const sockets = [];
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

function connectOne({ target, url, auth, readyEvent, timeoutMs }) {
  return new Promise((resolve) => {
    const socket = io(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
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
      ready[target] += 1;
      socket.on('disconnect', (reason) => {
        if (closing) return;
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
  const gapMs = 1000 / ratePerSecond;
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
    pending.push(
      connectOne({ target, url, auth: auths[i], readyEvent, timeoutMs }).then((error) => {
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
  } else if (message.type === 'close') {
    closing = true;
    for (const socket of sockets) socket.disconnect();
    // Let the close frames go out before the process (and its sockets) ends.
    setTimeout(() => process.exit(0), 500);
  }
});
// The bench went away: do not linger.
process.on('disconnect', () => process.exit(0));
