import { AppError, type ErrorDetails } from '@ideas-lab/platform';

export type ApplicationsErrorCode =
  | 'APPLICATION_NOT_FOUND'
  | 'APPLICATION_FORM_NOT_FOUND'
  | 'APPLICATION_FORM_INVALID'
  | 'APPLICATION_FORM_NOT_PUBLISHED'
  | 'APPLICATION_FORM_CHANGED_CONCURRENTLY'
  | 'APPLICATION_ALREADY_EXISTS'
  | 'APPLICANT_IS_LAB_STAFF'
  | 'APPLICATIONS_NOT_OPEN'
  | 'APPLICATION_DEADLINE_PASSED'
  | 'APPLICATION_VERSION_CONFLICT'
  | 'APPLICATION_INCOMPLETE'
  | 'APPLICATION_ALREADY_SUBMITTED'
  | 'APPLICATION_WITHDRAWN'
  | 'APPLICATION_EXTENSION_INVALID';

export function statusForApplicationsError(code: ApplicationsErrorCode): number {
  switch (code) {
    case 'APPLICATION_NOT_FOUND':
    case 'APPLICATION_FORM_NOT_FOUND':
      return 404;
    case 'APPLICATION_FORM_INVALID':
    case 'APPLICATION_INCOMPLETE':
    case 'APPLICATION_EXTENSION_INVALID':
      return 400;
    case 'APPLICATION_FORM_NOT_PUBLISHED':
    case 'APPLICATION_FORM_CHANGED_CONCURRENTLY':
    case 'APPLICATION_ALREADY_EXISTS':
    case 'APPLICANT_IS_LAB_STAFF':
    case 'APPLICATIONS_NOT_OPEN':
    case 'APPLICATION_DEADLINE_PASSED':
    case 'APPLICATION_VERSION_CONFLICT':
    case 'APPLICATION_ALREADY_SUBMITTED':
    case 'APPLICATION_WITHDRAWN':
      return 409;
  }
}

export class ApplicationsError extends AppError {
  readonly status: number;

  constructor(code: ApplicationsErrorCode, message: string, details?: ErrorDetails) {
    super(code, message, details);
    this.status = statusForApplicationsError(code);
  }

  static notFound(): ApplicationsError {
    return new ApplicationsError(
      'APPLICATION_NOT_FOUND',
      'There is no such application, or you cannot see it.',
    );
  }
}
