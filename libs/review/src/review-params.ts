import { ParseUUIDPipe } from '@nestjs/common';
import { PlatformError } from '@ideas-lab/platform';

/** A path id that must be a UUID; anything else is a clear 400 naming the parameter. */
const uuidParam = (field: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () => new PlatformError('VALIDATION_FAILED', `${field} must be a UUID.`, [{ field, message: `${field} must be a UUID` }]),
  });

export const LabId = uuidParam('labId');
export const ApplicationId = uuidParam('applicationId');
export const AssignmentId = uuidParam('assignmentId');
