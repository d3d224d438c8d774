import { AppError, errorCatalogue, type ErrorDetails } from '@ideas-lab/platform';

/** Every code the applications lib answers with, and its HTTP status. */
export const applicationsErrors = errorCatalogue({
  APPLICATION_NOT_FOUND: 404,
  APPLICATION_FORM_NOT_FOUND: 404,
  APPLICATION_FORM_INVALID: 400,
  APPLICATION_INCOMPLETE: 400,
  APPLICATION_EXTENSION_INVALID: 400,
  APPLICATION_FORM_NOT_PUBLISHED: 409,
  APPLICATION_FORM_CHANGED_CONCURRENTLY: 409,
  APPLICATION_ALREADY_EXISTS: 409,
  APPLICANT_IS_LAB_STAFF: 409,
  APPLICATIONS_NOT_OPEN: 409,
  APPLICATION_DEADLINE_PASSED: 409,
  APPLICATION_VERSION_CONFLICT: 409,
  APPLICATION_ALREADY_SUBMITTED: 409,
  APPLICATION_WITHDRAWN: 409,
});
export type ApplicationsErrorCode = keyof typeof applicationsErrors;

export class ApplicationsError extends AppError {
  readonly status: number;

  constructor(code: ApplicationsErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = applicationsErrors[code];
  }

  static notFound(): ApplicationsError {
    return new ApplicationsError(
      'APPLICATION_NOT_FOUND',
      'There is no such application, or you cannot see it.',
    );
  }
}
