import { ParseUUIDPipe } from '@nestjs/common';
import { PlatformError } from '../errors/app-error.js';

/** A path id that must be a UUID; anything else is a clear 400 naming the parameter. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new PlatformError('VALIDATION_FAILED', `${field} must be a UUID.`, [
        { field, message: `${field} must be a UUID` },
      ]),
  });
}
