import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterTooLargeBody } from '../http/request-limits.js';
import { AppError, type ErrorDetails } from './app-error.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetails;
  requestId: string;
}

/**
 * The one place where errors become HTTP responses. Known errors keep their code and
 * message; anything else is a 500 without internals, logged with the request id.
 */
@Catch()
export class AppErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, String(request.id));
    if (body.code === 'DATABASE_UNAVAILABLE') {
      this.logger.warn({
        msg: 'database unavailable',
        requestId: body.requestId,
        url: request.url,
      });
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      this.logger.error({
        msg: exception instanceof Error ? exception.message : 'unknown error',
        requestId: body.requestId,
        method: request.method,
        url: request.url,
        err: exception,
      });
    }
    if (body.statusCode === 429 && body.details && 'retryAfterSeconds' in body.details) {
      void reply.header('retry-after', String(body.details.retryAfterSeconds));
    }
    // A route that declares another type for its success (a calendar, a CSV) has set it by now:
    // the error is JSON whatever the route, and no attachment.
    void reply.header('content-type', 'application/json; charset=utf-8');
    void reply.removeHeader('content-disposition');
    const send = () => void reply.status(body.statusCode).send(body);
    if (body.statusCode === 413) afterTooLargeBody(request, send);
    else send();
  }

  toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof AppError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        requestId,
      };
    }
    // Nest wraps Fastify's body-parser errors in an HttpException whose cause is the original.
    const fastify = fastifyClientError(
      exception instanceof HttpException ? (exception.cause ?? exception) : exception,
    );
    if (fastify) return { ...fastify, requestId };
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        code: 'DATABASE_UNAVAILABLE',
        message:
          'The service cannot reach its database right now. Nothing was changed; try again in a few seconds.',
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { statusCode: status, ...httpExceptionCode(status, exception), requestId };
    }
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message:
        'Something went wrong on our side. The error has been logged; quote the request id if you report it.',
      requestId,
    };
  }
}

function httpExceptionCode(
  status: number,
  exception: HttpException,
): { code: string; message: string } {
  switch (status) {
    case 401:
      return {
        code: 'UNAUTHENTICATED',
        message: 'Sign in to do this (the access token is missing, invalid or expired).',
      };
    case 403:
      return { code: 'FORBIDDEN', message: 'You do not have permission to do this.' };
    case 404:
      return { code: 'ROUTE_NOT_FOUND', message: 'There is no such address in this API.' };
    case 405:
      return { code: 'METHOD_NOT_ALLOWED', message: 'This address does not accept that method.' };
    case 413:
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' };
    case 429:
      return { code: 'RATE_LIMITED', message: 'Too many requests; wait a moment and try again.' };
    default:
      return status < 500
        ? { code: 'BAD_REQUEST', message: exception.message }
        : { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' };
  }
}

/** Fastify rejects malformed bodies before Nest sees them; give those a clear code. */
function fastifyClientError(exception: unknown): Omit<ErrorBody, 'requestId'> | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { code, statusCode } = exception as { code?: unknown; statusCode?: unknown };
  if (
    typeof code !== 'string' ||
    !code.startsWith('FST_') ||
    typeof statusCode !== 'number' ||
    statusCode >= 500
  )
    return null;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        statusCode: 400,
        code: 'INVALID_JSON',
        message: 'The request body is not valid JSON.',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the request body as application/json.',
      };
    default:
      return { statusCode, code: 'BAD_REQUEST', message: 'The request could not be understood.' };
  }
}
