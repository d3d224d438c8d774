import { tmpdir } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  API_PREFIX,
  AppConfig,
  describeEndpoints,
  finishOpenApiDocument,
} from '@ideas-lab/platform';
import { AppModule } from './app.module.js';

export const API_PREFIX_OPTIONS = { exclude: ['health', 'health/ready'] };

/** The OpenAPI document of an app whose routes are registered (served at /docs-json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  describeEndpoints(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ideas Lab API')
      .setDescription(
        'Run a virtual Ideas Lab (sandpit) end to end. Every route needs `Authorization: Bearer <access token>` unless marked public. ' +
          'Errors are `{ statusCode, code, message, details?, requestId }` with a stable `code`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    // Tags come from the operations tables (libs/*/src/*.contract.ts), not controller names.
    { autoTagControllers: false },
  );
  return finishOpenApiDocument(document);
}

/**
 * The same document without a database or a server: the modules are loaded in Nest's preview
 * mode, where no provider is created (so nothing connects). `npm run api:generate` uses it.
 */
export async function buildOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const config = AppConfig.fromEnv({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'openapi-document-only-no-tokens-are-signed',
    DATA_DIR: tmpdir(),
    SEED_DEMO: 'false',
  });
  const app = await NestFactory.create(
    AppModule.forRoot(config, 'postgres://openapi-preview.invalid/none'),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix(API_PREFIX, API_PREFIX_OPTIONS);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
