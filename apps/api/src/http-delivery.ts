import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * How the server's answers travel: security headers on every response, compressed JSON, and
 * the built web client with the cache headers its file names allow.
 */

/** The client's own scripts and styles only: no inline script, no other origin, no framing. */
const WEB_CLIENT_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // React sets style properties through the DOM (allowed); no inline <style> or style="".
  'style-src': ["'self'"],
  // The favicon is a data: SVG.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // fetch and the live Socket.IO connection, both to this origin ('self' covers ws: here).
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI's page (`/docs`) carries inline <style> blocks and style attributes; its scripts
 * are files of its own, so scripts stay as strict as everywhere else.
 */
const DOCS_CSP = { ...WEB_CLIENT_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

/**
 * Helmet's headers on every response: the CSP above (a relaxed style-src for the docs page
 * only), `X-Frame-Options: DENY`, `nosniff`, `Referrer-Policy: no-referrer`, the
 * cross-origin isolation headers helmet sends by default, and HSTS in production (behind TLS;
 * browsers ignore it over plain HTTP). Register before any route.
 *
 * `helmet` itself, built once per policy: `@fastify/helmet` built a new helmet (parsing the
 * CSP directives again) inside every request, about 60 µs of CPU each (bench:api).
 */
export function registerSecurityHeaders(
  app: NestFastifyApplication,
  options: { production: boolean },
): void {
  const common: HelmetOptions = {
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
  const everywhere = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: WEB_CLIENT_CSP },
  });
  const docsPage = helmet({
    ...common,
    contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const path = request.url.split('?', 1)[0];
      const secure = path === '/docs' || path === '/docs/' ? docsPage : everywhere;
      secure(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    });
}

/**
 * Responses over 1 KB compressed (brotli, else gzip) when the client accepts it. The web
 * client's files come precompressed (below) and are left as they are.
 */
export async function registerCompression(app: NestFastifyApplication): Promise<void> {
  // Answers only: no client sends compressed bodies, and inflating them would let a small
  // request grow past what the body limits meant to allow.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      route.decompress ??= false;
    });
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
}

/** Built files whose names carry a hash of their content: they never change. */
const HASHED_ASSETS = `${sep}assets${sep}`;

/**
 * The single-page web client at `/`, with its routes falling back to index.html. `npm run
 * build:web` writes a brotli and a gzip copy beside each file, served to the clients that
 * accept them. Hashed assets are cached for a year, immutable; index.html and the rest are
 * revalidated on every use (`no-cache`, with ETag), so a new build is picked up at once.
 * Unknown API, docs and file paths get a JSON 404.
 */
export async function serveWebClient(
  app: NestFastifyApplication,
  options: { webDir: string; apiPrefix: string },
): Promise<void> {
  const { webDir, apiPrefix } = options;
  const fastify = app.getHttpAdapter().getInstance();
  const hasClient = existsSync(join(webDir, 'index.html'));
  if (hasClient) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes(HASHED_ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  // Client-side routes (`/labs/…`, `/call/…`) get index.html; unknown API paths a JSON 404.
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    const isApi =
      path === `/${apiPrefix}` ||
      path.startsWith(`/${apiPrefix}/`) ||
      path.startsWith('/docs') ||
      path.startsWith('/health');
    if (hasClient && !isApi && !/\.[a-z0-9]+$/i.test(path)) {
      void reply.type('text/html').sendFile('index.html');
      return;
    }
    void reply.status(404).send({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: `There is no GET ${path} in this API.`,
      requestId: request.id,
    });
  });
}
