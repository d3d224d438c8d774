import { applyDecorators, HttpCode, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
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
  response: z.ZodType | [z.ZodType] | MediaResponse | null;
  /** The success status when not the method's usual one (GET 200, POST 201, null 204). */
  status?: 200 | 201 | 202;
  /**
   * The errors this route answers itself, by code; their statuses come from the error
   * catalogues. Those its access rules and inputs imply are added by describeEndpoints:
   * 401 (unless @Public), 403 (@AdminOnly, @LabRoles), 404 LAB_NOT_FOUND (`:labId`, @LabRoles),
   * 400 VALIDATION_FAILED (a body, a query, a checked path parameter).
   */
  errors?: readonly string[];
}

export type EndpointMetadata = EndpointOptions;

type Returns<R> = (...args: never[]) => R | Promise<R>;
/** A method decorator that also checks, at compile time, that the method returns the response. */
export type EndpointDecorator<R> = (
  target: object,
  key: string | symbol,
  descriptor: { value?: Returns<R> },
) => void;

/**
 * One decorator per route: what it does (summary), what it answers (a contract DTO) and the
 * errors it names; the rest of its OpenAPI entry is derived (see describeEndpoints).
 */
export function Endpoint<S extends z.ZodType>(
  options: EndpointOptions & { response: S },
): EndpointDecorator<z.output<S>>;
export function Endpoint<S extends z.ZodType>(
  options: EndpointOptions & { response: [S] },
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
  return applyDecorators(...decorators) as EndpointDecorator<unknown>;
}
