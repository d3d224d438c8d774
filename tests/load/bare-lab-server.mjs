// The yardstick of `npm run bench:api`: a bare `node:http` server that answers
// `GET /api/labs/:labId` by running the API's own SQL (LAB_WITH_ROLES_SQL, handed over by
// the benchmark) through a `pg` Pool of the API's size, and returns the row as JSON.
// No framework, no auth, no mapping: what the API costs above this is its own overhead.
// Started by api.bench.mjs with `fork`; it reports its port over IPC.
import { createServer } from 'node:http';
import pg from 'pg';

const { BARE_DATABASE_URL, BARE_SQL, BARE_USER_ID, BARE_POOL_SIZE } = process.env;
if (!BARE_DATABASE_URL || !BARE_SQL || !BARE_USER_ID) {
  process.stderr.write(
    'bare-lab-server: BARE_DATABASE_URL, BARE_SQL and BARE_USER_ID are required (it is started by api.bench.mjs)\n',
  );
  process.exit(2);
}

const pool = new pg.Pool({
  connectionString: BARE_DATABASE_URL,
  max: Number(BARE_POOL_SIZE ?? 10),
});
const LAB_PATH = /^\/api\/labs\/([0-9a-f-]{36})$/i;

const server = createServer((request, response) => {
  const match = request.method === 'GET' ? LAB_PATH.exec(request.url ?? '') : null;
  if (!match) {
    response.writeHead(404).end();
    return;
  }
  pool.query(BARE_SQL, [match[1], BARE_USER_ID]).then(
    ({ rows }) => {
      if (rows.length === 0) {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.stringify(rows[0]);
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    },
    (error) => {
      process.stderr.write(`bare-lab-server: ${error.message}\n`);
      response.writeHead(500).end();
    },
  );
});

server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
