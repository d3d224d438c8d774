import type { ComponentProps } from 'react';
import type { FieldErrors } from '../lib/field-errors';
import { TextField } from './form-fields';

type NumberFieldProps = Omit<ComponentProps<typeof TextField>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange: (text: string) => void;
};

/**
 * A whole number, typed as text (a phone shows its number pad). Before sending, the form
 * marks what is not a whole number (`notWholeNumbers`), reads the numbers with
 * `wholeNumberOf`, and leaves the limits to the server: its refusal comes back per field and
 * is shown beside it in its own words ("Must be at least 1."), so no page keeps a copy of a
 * contract's bounds or words them another way.
 */
export function NumberField({ value, onChange, ...field }: NumberFieldProps) {
  return (
    <TextField
      inputMode="numeric"
      autoComplete="off"
      {...field}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/**
 * The number a whole-number field holds: undefined when it is empty (an optional field is
 * left out; a required one, the server answers "Required."), NaN when it is not a whole
 * number.
 */
export function wholeNumberOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The fields, by name, that hold something other than a whole number, in the server's words. */
export function notWholeNumbers(texts: Record<string, string>): FieldErrors {
  return Object.fromEntries(
    Object.entries(texts)
      .filter(([, text]) => Number.isNaN(wholeNumberOf(text)))
      .map(([field]) => [field, 'Must be a whole number.']),
  );
}
