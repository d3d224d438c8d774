import { ApiError } from '../api/api-error';
import type { FieldIssue } from '../api/types';

/** Errors keyed by the dotted path of the field they belong to ("dates.workshopStartAt"). */
export type FieldErrors = Record<string, string>;

/**
 * Splits a server error into messages for the form's own fields and the rest. A detail on
 * "taxonomy.disciplines.2" belongs to the field "taxonomy.disciplines".
 */
export function splitFieldIssues(
  issues: readonly FieldIssue[],
  fields: readonly string[],
): { fieldErrors: FieldErrors; unmatched: FieldIssue[] } {
  const fieldErrors: FieldErrors = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of issues) {
    const field = fields
      .filter((candidate) => issue.field === candidate || issue.field.startsWith(`${candidate}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (field === undefined) {
      unmatched.push(issue);
    } else {
      const message = besideField(issue);
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${message}` : message;
    }
  }
  return { fieldErrors, unmatched };
}

/**
 * Beside its field a message need not name the field again: "capacity must be at least 1"
 * reads "Must be at least 1.", and "title is required" reads "Required."
 */
export function besideField(issue: FieldIssue): string {
  const name = issue.field.split('.').filter((part) => !/^\d+$/.test(part));
  for (const prefix of [issue.field, name.join('.'), name[name.length - 1]]) {
    if (prefix && issue.message.startsWith(`${prefix} `)) {
      const rest = issue.message.slice(prefix.length + 1);
      return sentence(rest.replace(/^is (?=required\b)/, ''));
    }
  }
  return sentence(issue.message);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capitalised = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

export function fieldIssuesOf(error: unknown): FieldIssue[] {
  return error instanceof ApiError ? error.details : [];
}

/** The id of the input for a dotted field path, for labels, links and focus. */
export function fieldId(form: string, field: string): string {
  return `${form}-${field.replace(/\./g, '-')}`;
}

/**
 * Moves focus to the first field in error inside `container`: a control marked aria-invalid,
 * or the first control of a field marked `data-invalid` (a group of radio buttons: a radio cannot
 * carry aria-invalid, so its fieldset names the error), its chosen radio if any.
 */
export function focusFirstInvalid(container: ParentNode | null | undefined): void {
  const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
  if (!invalid || invalid.getAttribute('aria-invalid') === 'true') {
    invalid?.focus();
    return;
  }
  const controls = [...invalid.querySelectorAll<HTMLElement>('input, select, textarea')];
  const chosen = controls.find((c) => c instanceof HTMLInputElement && c.checked);
  (chosen ?? controls[0])?.focus();
}
