import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { describeError, isApiError, type FieldIssue } from '../api';
import {
  fieldIssuesOf,
  focusFirstInvalid,
  splitFieldIssues,
  type FieldErrors,
} from './field-errors';

export interface AlertContent {
  message: string;
  issues?: FieldIssue[];
  requestId?: string;
}

/** Turns an error into what the alert region shows; field-level details are shown by the fields. */
export function alertFor(error: unknown, unmatched: FieldIssue[] = []): AlertContent {
  return {
    message: describeError(error),
    issues: unmatched.length > 0 ? unmatched : undefined,
    requestId: isApiError(error) ? error.requestId : undefined,
  };
}

/**
 * The submit cycle of a form: busy flag, server errors split between the form's fields and
 * the alert region, and focus moved to the first field in error so keyboard and screen
 * reader users land on it.
 */
export function useFormSubmit(fields: readonly string[]) {
  // The form is found by its id (`<form id={form.formId}>`): no ref in the returned object,
  // so screens may read its fields while rendering.
  const formId = useId();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<AlertContent | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  useEffect(() => {
    if (focusRequest === 0) return;
    focusFirstInvalid(document.getElementById(formId));
  }, [focusRequest, formId]);

  /** Shows errors beside their fields, with a pointer to them in the alert region. */
  const showFieldErrors = useCallback((errors: FieldErrors) => {
    const count = Object.keys(errors).length;
    setFieldErrors(errors);
    setAlert({
      message:
        count === 1
          ? 'Please correct the field marked below.'
          : `Please correct the ${count} fields marked below.`,
    });
    setFocusRequest((n) => n + 1);
  }, []);

  const showError = useCallback(
    (error: unknown, describe?: (error: unknown) => AlertContent | undefined) => {
      const { fieldErrors: matched, unmatched } = splitFieldIssues(fieldIssuesOf(error), fields);
      const custom = describe?.(error);
      if (Object.keys(matched).length > 0 && unmatched.length === 0 && !custom) {
        showFieldErrors(matched);
        return;
      }
      setFieldErrors(matched);
      setAlert(custom ?? alertFor(error, unmatched));
      if (Object.keys(matched).length > 0) setFocusRequest((n) => n + 1);
    },
    [fields, showFieldErrors],
  );

  const handleSubmit = useCallback(
    (action: () => Promise<void>, describe?: (error: unknown) => AlertContent | undefined) =>
      (event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        setBusy(true);
        setAlert(null);
        setFieldErrors({});
        action()
          .catch((error: unknown) => showError(error, describe))
          .finally(() => setBusy(false));
      },
    [showError],
  );

  /**
   * Like handleSubmit, after a check the form can make itself (a field that is not a number,
   * nothing chosen): its problems are shown beside their fields and nothing is sent.
   */
  const handleCheckedSubmit = useCallback(
    (check: () => FieldErrors, action: () => Promise<void>) =>
      (event: FormEvent<HTMLFormElement>) => {
        const problems = check();
        if (Object.keys(problems).length === 0) return handleSubmit(action)(event);
        event.preventDefault();
        showFieldErrors(problems);
      },
    [handleSubmit, showFieldErrors],
  );

  return {
    formId,
    busy,
    fieldErrors,
    setFieldErrors,
    alert,
    setAlert,
    showError,
    showFieldErrors,
    handleSubmit,
    handleCheckedSubmit,
  };
}
