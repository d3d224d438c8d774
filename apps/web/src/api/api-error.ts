import type { ErrorBody, FieldIssue } from './types';

/** Every failed call to the API becomes one of these, whatever went wrong. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldIssue[];
  /** The body's `details` as sent: some codes carry an object (`{ currentVersion }`, `{ deadline }`). */
  readonly data: unknown;
  readonly requestId: string | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: FieldIssue[];
    data?: unknown;
    requestId?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.data = init.data ?? init.details;
    this.requestId = init.requestId;
  }

  /** Turns a non-2xx response into an ApiError, tolerating bodies that are not ours (proxies, HTML pages). */
  static async fromResponse(response: Response): Promise<ApiError> {
    const body = await response.json().catch(() => null);
    if (isErrorBody(body)) {
      return new ApiError({
        status: response.status,
        code: body.code,
        message: await withOwnTime(body.message, (body as { details?: unknown }).details),
        details: Array.isArray(body.details) ? body.details.filter(isFieldIssue) : [],
        data: (body as { details?: unknown }).details,
        requestId: body.requestId,
      });
    }
    return new ApiError({
      status: response.status,
      code: `HTTP_${response.status}`,
      message: response.statusText
        ? `The server answered ${response.status} ${response.statusText}.`
        : `The server answered ${response.status}.`,
    });
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError({
      status: 0,
      code: 'NETWORK_ERROR',
      message: 'The server could not be reached. Check your connection and try again.',
    });
    error.cause = cause;
    return error;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A message fit to show a person, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * A time the server names in the lab's zone comes with the instant and the zone in the
 * details: the reader's own time follows when it reads differently, wherever the message shows.
 * The time formatting is fetched then, with the first such refusal: it is no part of the first
 * chunk, which every page (the login page too) loads before its first paint.
 */
async function withOwnTime(message: string, details: unknown): Promise<string> {
  const when = timeOf(details);
  if (!when) return message;
  const { ownTimeNote } = await import('../lib/lab-time');
  const note = ownTimeNote(when.deadline, when.timezone);
  return note ? `${message} ${note}` : message;
}

function timeOf(data: unknown): { deadline: string; timezone: string } | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { deadline, timezone } = data as { deadline?: unknown; timezone?: unknown };
  return typeof deadline === 'string' && typeof timezone === 'string'
    ? { deadline, timezone }
    : null;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

function isFieldIssue(value: unknown): value is FieldIssue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldIssue).field === 'string' &&
    typeof (value as FieldIssue).message === 'string'
  );
}
