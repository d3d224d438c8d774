import { afterAll } from 'vitest';

/**
 * pg warns, once per process, when a query is handed to a client that is still running one —
 * in our code that means `Promise.all` over queries inside a transaction, which share one
 * connection — and pg 9 makes it an error. Any test file that provokes it fails here.
 */
const PG_OVERLAP = 'already executing a query';
let overlap: Error | null = null;
process.on('warning', (warning) => {
  if (warning.name === 'DeprecationWarning' && warning.message.includes(PG_OVERLAP))
    overlap = warning;
});

afterAll(() => {
  if (overlap)
    throw new Error(
      `pg was handed a query while another ran on the same client (Promise.all inside a transaction?):\n${overlap.stack ?? overlap.message}`,
    );
});
