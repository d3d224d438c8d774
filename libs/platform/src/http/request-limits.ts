import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlatformError } from '../errors/app-error.js';
import {
  inspectInputValue,
  jsonTooDeep,
  nulCharacterRefused,
  scanJsonText,
} from './input-limits.js';

/** The largest body of a route without its own `@BodyLimit`. */
export const DEFAULT_BODY_LIMIT = 1_048_576;

/**
 * A body too large for its route is still read (and dropped) up to this size before the 413 is
 * sent (see afterTooLargeBody); larger ones get the answer at once.
 */
const DRAIN_LIMIT = 16 * 1_048_576;

/** The largest body this route takes, in bytes (auth routes: a few KB). */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ bodyLimit: bytes });

/**
 * HTTP input rules for every route, installed before the routes are registered: only JSON
 * bodies (415 otherwise), each route's own body limit, JSON nesting and U+0000 refused while
 * parsing (see input-limits.ts). The Nest application must be created with `bodyParser: false`,
 * so that these parsers are the only ones.
 */
export function installRequestLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const json = String(text);
    const scan = scanJsonText(json);
    if (scan.tooDeep) return done(jsonTooDeep(), undefined);
    void parseJson(request, json, (error, value) => {
      if (error) return done(error, undefined);
      if (scan.hasNul) {
        const problem = inspectInputValue(value);
        if (problem?.problem === 'nul') return done(nulCharacterRefused(problem.field), undefined);
      }
      done(null, value);
    });
  });
}

/** U+0000 in the path or query (`%00`) refused up front; null when there is none. */
export function nulInUrl(url: string): PlatformError | null {
  if (!url.includes('%00')) return null;
  const query = url.indexOf('?');
  if (query >= 0) {
    for (const [key, value] of new URLSearchParams(url.slice(query + 1))) {
      if (key.includes('\u0000') || value.includes('\u0000')) return nulCharacterRefused(key);
    }
  }
  return nulCharacterRefused('path');
}

/**
 * Send the answer to a body too large for its route once the client has finished sending it
 * (read and dropped, up to DRAIN_LIMIT bytes or 10 s): answered and closed while the client
 * still sends, the connection is reset under it and the client never reads the 413.
 */
export function afterTooLargeBody(request: FastifyRequest, send: () => void): void {
  const body = request.raw;
  const declared = Number(request.headers['content-length']);
  if (body.complete || body.destroyed || declared > DRAIN_LIMIT) return send();
  let sent = false;
  const sendOnce = () => {
    if (sent) return;
    sent = true;
    clearTimeout(timer);
    send();
  };
  const timer = setTimeout(sendOnce, 10_000);
  timer.unref();
  body.once('end', sendOnce);
  body.once('error', sendOnce);
  body.once('close', sendOnce);
  body.resume();
}
