import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ADMIN_ONLY, IS_PUBLIC, LAB_ROLES_REQUIRED } from '../auth/auth.decorators.js';
import { statusOfErrorCode } from '../errors/error-catalogue.js';
import { isContractDto } from './contract-validation.pipe.js';
import { ENDPOINT, type EndpointMetadata, type MediaResponse } from './endpoint.decorator.js';

/** The name of the error body's schema in the OpenAPI document (see finishOpenApiDocument). */
export const ERROR_BODY_SCHEMA = 'ErrorBody';

const described = new WeakSet<object>();

/**
 * Complete the OpenAPI entry of every `@Endpoint` route from what the route already says: its
 * success response, bearer security unless @Public, and its error responses: the codes it
 * names (statuses from the error catalogues) and those its guards and inputs imply. Runs
 * before SwaggerModule.createDocument; a route names a code no catalogue has: it throws.
 */
export function describeEndpoints(app: INestApplicationContext): void {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(controller.prototype, key);
        const handler: unknown = descriptor?.value;
        if (typeof handler !== 'function' || described.has(handler)) continue;
        const endpoint = Reflect.getMetadata(ENDPOINT, handler) as EndpointMetadata | undefined;
        if (!endpoint || !descriptor) continue;
        described.add(handler);
        describe(controller, key, descriptor, endpoint);
      }
    }
  }
}

function describe(
  controller: Type,
  key: string,
  descriptor: PropertyDescriptor,
  endpoint: EndpointMetadata,
): void {
  const handler = descriptor.value as object;
  const meta = <T>(name: string): T | undefined =>
    (Reflect.getMetadata(name, handler) as T | undefined) ??
    (Reflect.getMetadata(name, controller) as T | undefined);
  const where = `${controller.name}.${key}`;
  if (endpoint.tag === undefined)
    throw new Error(
      `${where}: bind an entry of the lib's operations table, @Endpoint(<lib>Ops.${key}): see operations() in libs/platform/src/contract/endpoint.decorator.ts.`,
    );
  const apply = (decorator: MethodDecorator) => decorator(controller.prototype, key, descriptor);

  // Success.
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
  const status =
    (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
    (method === RequestMethod.POST ? 201 : 200);
  const { response } = endpoint;
  if (response === null) {
    apply(ApiResponse({ status: 204, description: 'Done; no content.' }));
  } else if (isMediaResponse(response)) {
    apply(
      ApiResponse({
        status,
        description: response.description,
        content: { [response.mediaType]: { schema: { type: 'string' } } },
      }),
    );
  } else {
    if (isList(response)) {
      // A list refers to the item schema by its id (nestjs-zod renames XDto to X, but not
      // inside `items`); the DTO is registered as an extra model so the schema is there.
      const dto = responseDto(response[0], where);
      apply(ApiExtraModels(dto) as MethodDecorator);
      apply(
        ApiResponse({
          status,
          description: 'OK',
          schema: { type: 'array', items: { $ref: `#/components/schemas/${idOf(response[0])}` } },
        }),
      );
    } else {
      apply(ApiResponse({ status, description: 'OK', type: responseDto(response, where) }));
    }
  }

  // Errors: implied by access rules and inputs, then the route's own.
  const errors = new Map<number, Set<string>>();
  const add = (code: string, known?: number) => {
    const codeStatus = known ?? statusOfErrorCode(code);
    if (codeStatus === undefined)
      throw new Error(`${where}: @Endpoint names ${code}, which no error catalogue declares.`);
    let codes = errors.get(codeStatus);
    if (!codes) errors.set(codeStatus, (codes = new Set()));
    codes.add(code);
  };
  const path = [
    ...pathsOf(Reflect.getMetadata(PATH_METADATA, controller)),
    ...pathsOf(Reflect.getMetadata(PATH_METADATA, handler)),
  ].join('/');
  const inputs = routeInputs(controller, key, where);
  if (inputs.validated) add('VALIDATION_FAILED', 400);
  if (path.includes(':labId')) add('VALIDATION_FAILED', 400);
  if (!meta<boolean>(IS_PUBLIC)) {
    add('UNAUTHENTICATED', 401);
    apply(ApiSecurity('bearer'));
  }
  if (meta<boolean>(ADMIN_ONLY)) add('ADMIN_REQUIRED', 403);
  if ((meta<string[]>(LAB_ROLES_REQUIRED) ?? []).length > 0) add('LAB_ROLE_REQUIRED', 403);
  if (path.includes(':labId')) add('LAB_NOT_FOUND', 404);
  for (const code of endpoint.errors ?? []) add(code);
  // Every route reads the database: while it is away the answer is 503 with Retry-After.
  add('DATABASE_UNAVAILABLE', 503);

  for (const [errorStatus, codes] of [...errors].sort(([a], [b]) => a - b)) {
    const list = [...codes];
    apply(
      ApiResponse({
        status: errorStatus,
        description: `Error code(s): ${list.join(' | ')}`,
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` },
                { type: 'object', properties: { code: { type: 'string', enum: list } } },
              ],
            },
          },
        },
      }),
    );
  }
}

const responseDtos = new WeakMap<z.ZodType, Type>();

/** Swagger describes classes: a response schema gets one, named by its id. */
function responseDto(schema: z.ZodType, where: string): Type {
  let dto = responseDtos.get(schema);
  if (!dto) {
    const id = idOf(schema);
    if (!id) throw new Error(`${where}: give the response schema an id: .meta({ id: 'Name' }).`);
    nameInDocument(id, schema, where);
    dto = createZodDto(schema) as unknown as Type;
    Object.defineProperty(dto, 'name', { value: `${id}Dto` });
    responseDtos.set(schema, dto);
  }
  return dto;
}

const idOf = (schema: z.ZodType) => z.globalRegistry.get(schema)?.id;

const documentNames = new Map<string, z.ZodType>();

/**
 * The document files a request DTO's schema under its class name (XDto → X) and a response
 * under its id: two different schemas under one name would make one route document the
 * other's shape (as the participant profile's body once did), so that stops the app.
 */
function nameInDocument(name: string, schema: z.ZodType, where: string): void {
  const held = documentNames.get(name);
  if (held && held !== schema)
    throw new Error(`${where}: the OpenAPI schema name ${name} is taken by another schema.`);
  documentNames.set(name, schema);
}

function isList(value: z.ZodType | readonly [z.ZodType]): value is readonly [z.ZodType] {
  return Array.isArray(value);
}

function isMediaResponse(value: object): value is MediaResponse {
  return 'mediaType' in value && !(value instanceof z.ZodType);
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '/' ? [value] : [];
}

/**
 * Whether the route takes a body or query, or a path parameter through a checking pipe. A
 * body or query must be typed with a contract DTO (the pipe checks nothing else): else it throws.
 */
function routeInputs(controller: Type, key: string, where: string): { validated: boolean } {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
    string,
    { index: number; data?: unknown; pipes?: unknown[] }
  >;
  const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ??
    []) as unknown[];
  let validated = false;
  for (const [argKey, arg] of Object.entries(args)) {
    const type = Number(argKey.split(':')[0]);
    if (type === Number(RouteParamtypes.BODY) || type === Number(RouteParamtypes.QUERY)) {
      const dto = paramTypes[arg.index];
      if (arg.data !== undefined || !isContractDto(dto))
        throw new Error(`${where}: type its whole body or query with a contract DTO.`);
      nameInDocument(dto.name.replace(/Dto$/, ''), dto.schema as z.ZodType, where);
      validated = true;
    }
    if (type === Number(RouteParamtypes.PARAM) && (arg.pipes?.length ?? 0) > 0) validated = true;
  }
  return { validated };
}
