import type { ValidationError } from 'class-validator';
import { PlatformError, type FieldProblem } from './app-error.js';

/** Flatten class-validator's nested errors into one problem per field, by dotted path. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      problems.push({ field, message: humanise(message, error.property, field) });
    }
    if (error.children?.length) problems.push(...fieldProblems(error.children, field));
  }
  return problems;
}

function humanise(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`)
    return `${field} is not a field this request accepts`;
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : message;
}

export function validationFailed(errors: ValidationError[]): PlatformError {
  const details = fieldProblems(errors);
  const fields = [...new Set(details.map((d) => d.field))];
  return new PlatformError(
    'VALIDATION_FAILED',
    fields.length === 1
      ? `The request has a problem with ${fields[0]}.`
      : `The request has problems with ${fields.length} fields: ${fields.join(', ')}.`,
    details,
  );
}
