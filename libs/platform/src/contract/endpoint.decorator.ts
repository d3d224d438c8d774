import { applyDecorators, HttpCode, SetMetadata, type Type } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';

export const ENDPOINT = 'ideas-lab:endpoint';

/** A body that is not JSON: a file download (CSV, iCalendar). */
export interface MediaResponse {
  mediaType: string;
  description: string;
}

export interface EndpointOptions {
  summary: string;
  description?: string;
  /**
   * The 2xx body: a contract schema with an id (`.meta({ id: 'LabView' })`), `[Schema]` for a
   * list, a MediaResponse for a file, or `null` for 204 No Content.
   */
  response: z.ZodType | readonly [z.ZodType] | MediaResponse | null;
  /** The success status when not the method's usual one (GET 200, POST 201, null 204). */
  status?: 200 | 201 | 202;
  /**
   * The errors this route answers itself, by code; their statuses come from the error
   * catalogues. Those its access rules and inputs imply are added by describeEndpoints:
   * 401 (unless @Public), 403 (@AdminOnly, @LabRoles), 404 LAB_NOT_FOUND (`:labId`, @LabRoles),
   * 400 VALIDATION_FAILED (a body, a query, a checked path parameter).
   */
  errors?: readonly string[];
  /** The OpenAPI tag: the operations table's (see `operations`). */
  tag?: string;
  /** A body read before the pipes run (a guard parses it): documented with this contract DTO. */
  body?: Type;
  /** Request headers the route requires. */
  headers?: readonly { name: string; description: string }[];
}

export type EndpointMetadata = EndpointOptions;

/** One operations table's entries: each carries the table's tag. */
export type Operations<T extends Record<string, EndpointOptions>> = {
  readonly [K in keyof T]: T[K] & { readonly tag: string };
};

/**
 * A lib's operations, kept in its contract beside the shapes they answer with: per route what
 * it does, what it answers and the errors it names itself, under one OpenAPI tag. A controller
 * binds each with `@Endpoint(formationOps.myInterests)`; the rest of the entry is derived.
 *
 *   export const formationOps = operations('formation', {
 *     myInterests: { summary: 'My interests …', response: MyInterests },
 *     join: { summary: 'Join …', response: FormationBoard, status: 200, errors: ['FORMATION_NOT_OPEN'] },
 *   });
 */
export function operations<const T extends Record<string, EndpointOptions>>(
  tag: string,
  table: T,
): Operations<T> {
  return Object.fromEntries(
    Object.entries(table).map(([name, operation]) => [name, { ...operation, tag }]),
  ) as Operations<T>;
}

type Returns<R> = (...args: never[]) => R | Promise<R>;
/** A method decorator that also checks, at compile time, that the method returns the response. */
export type EndpointDecorator<R> = (
  target: object,
  key: string | symbol,
  descriptor: { value?: Returns<R> },
) => void;

/**
 * The one documentation decorator of a route, usually an entry of its lib's operations table
 * (`@Endpoint(formationOps.join)`): what it does (summary), what it answers (a contract
 * schema) and the errors it names; the rest of its OpenAPI entry is derived from its guards and
 * inputs (see describeEndpoints). The compiler checks the method returns the response's type.
 */
export function Endpoint<S extends z.ZodType>(
  options: EndpointOptions & { response: S },
): EndpointDecorator<z.output<S>>;
export function Endpoint<S extends z.ZodType>(
  options: EndpointOptions & { response: readonly [S] },
): EndpointDecorator<z.output<S>[]>;
export function Endpoint(
  options: EndpointOptions & { response: MediaResponse },
): EndpointDecorator<unknown>;
export function Endpoint(options: EndpointOptions & { response: null }): EndpointDecorator<void>;
export function Endpoint(options: EndpointOptions): EndpointDecorator<unknown> {
  const status = options.response === null ? 204 : options.status;
  const decorators: MethodDecorator[] = [
    SetMetadata(ENDPOINT, options),
    ApiOperation({ summary: options.summary, description: options.description }),
  ];
  if (status !== undefined) decorators.push(HttpCode(status));
  if (options.tag !== undefined) decorators.push(ApiTags(options.tag));
  if (options.body !== undefined) decorators.push(ApiBody({ type: options.body }));
  for (const header of options.headers ?? [])
    decorators.push(ApiHeader({ ...header, required: true }));
  return applyDecorators(...decorators) as EndpointDecorator<unknown>;
}
