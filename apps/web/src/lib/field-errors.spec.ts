import { describe, expect, it } from 'vitest';
import { besideField, splitFieldIssues } from './field-errors';

describe('besideField', () => {
  it('reads "Required." beside an empty required field', () => {
    expect(besideField({ field: 'title', message: 'title is required' })).toBe('Required.');
    expect(besideField({ field: 'answers.3', message: 'answers.3 is required' })).toBe('Required.');
  });

  it('drops the field name from other problems and makes a sentence', () => {
    expect(besideField({ field: 'capacity', message: 'capacity must be at least 1' })).toBe(
      'Must be at least 1.',
    );
    expect(besideField({ field: 'x', message: 'something else entirely' })).toBe(
      'Something else entirely.',
    );
  });

  it('puts the required problem beside the field that owns it', () => {
    const { fieldErrors } = splitFieldIssues(
      [{ field: 'dates.applicationsCloseAt', message: 'dates.applicationsCloseAt is required' }],
      ['dates.applicationsCloseAt'],
    );
    expect(fieldErrors).toEqual({ 'dates.applicationsCloseAt': 'Required.' });
  });
});
