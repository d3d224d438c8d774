import { describe, expect, it } from 'vitest';
import type { Lab } from '../api/types';
import { besideField, splitFieldIssues } from './field-errors';
import { LAB_FORM_FIELDS, labChanges, labFormValues } from './lab-form';

const lab: Lab = {
  id: 'lab-1',
  slug: 'digital-twin',
  title: 'Digital twin',
  theme: 'Cancer',
  description: '',
  expertiseExamples: '',
  timezone: 'America/New_York',
  phase: 'draft',
  capacity: 30,
  dates: {
    applicationsOpenAt: null,
    applicationsCloseAt: '2026-03-01T22:00:00.123Z',
    workshopStartAt: null,
    workshopEndAt: null,
    proposalsDueAt: null,
  },
  taxonomy: { disciplines: ['AI'], careerStages: [], organisationTypes: [] },
  teamSize: { min: 3, max: 6 },
  funding: { pool: 100000, currency: 'USD' },
  myRoles: ['organiser'],
  version: 4,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('labChanges', () => {
  it('sends nothing when nothing changed', () => {
    expect(labChanges(lab, labFormValues(lab))).toEqual({ patch: {}, errors: {} });
  });

  it('sends only what changed, a changed group whole, and untouched dates to the millisecond', () => {
    const values = labFormValues(lab);
    values.theme = '  Cancer digital twins ';
    values.capacity = '24';
    values.dates.workshopStartAt = '2026-07-13T09:00';
    values.taxonomy.disciplines = 'AI\n\n  Bioinformatics \n';
    expect(labChanges(lab, values)).toEqual({
      patch: {
        theme: 'Cancer digital twins',
        capacity: 24,
        dates: { ...lab.dates, workshopStartAt: '2026-07-13T13:00:00.000Z' },
        taxonomy: {
          disciplines: ['AI', 'Bioinformatics'],
          careerStages: [],
          organisationTypes: [],
        },
      },
      errors: {},
    });
  });

  it('clears a date the organiser emptied', () => {
    const values = labFormValues(lab);
    values.dates.applicationsCloseAt = '';
    expect(labChanges(lab, values).patch.dates?.applicationsCloseAt).toBeNull();
  });

  it('flags text that is not a number on the field it came from', () => {
    const values = labFormValues(lab);
    values.capacity = '';
    values.teamSize.max = 'six';
    expect(labChanges(lab, values).errors).toEqual({
      capacity: 'Enter a number.',
      'teamSize.max': 'Enter a number.',
    });
  });
});

describe('besideField', () => {
  it.each([
    [{ field: 'capacity', message: 'capacity must be at least 1' }, 'Must be at least 1.'],
    [
      {
        field: 'dates.workshopEndAt',
        message: 'dates.workshopEndAt must be an ISO 8601 date-time',
      },
      'Must be an ISO 8601 date-time.',
    ],
    [
      {
        field: 'funding.currency',
        message: 'currency must be a three-letter ISO 4217 code such as USD or EUR',
      },
      'Must be a three-letter ISO 4217 code such as USD or EUR.',
    ],
    [
      { field: 'taxonomy.disciplines.1', message: 'each of disciplines must be a non-empty name' },
      'Each of disciplines must be a non-empty name.',
    ],
    [
      { field: 'dates.workshopEndAt', message: 'the workshop must end after it starts' },
      'The workshop must end after it starts.',
    ],
  ])('words %o as %s', (issue, expected) => {
    expect(besideField(issue)).toBe(expected);
  });
});

describe('splitFieldIssues', () => {
  it('puts a server detail on the form field its dotted path names, and keeps the rest for the alert', () => {
    const { fieldErrors, unmatched } = splitFieldIssues(
      [
        { field: 'dates.applicationsCloseAt', message: 'must be after opening' },
        { field: 'taxonomy.disciplines.2', message: 'must not be empty' },
        { field: 'capacity', message: 'must be at least 1' },
        { field: 'capacity', message: 'must be a whole number' },
        { field: 'quotas', message: 'unknown' },
      ],
      LAB_FORM_FIELDS,
    );
    expect(fieldErrors).toEqual({
      'dates.applicationsCloseAt': 'Must be after opening.',
      'taxonomy.disciplines': 'Must not be empty.',
      capacity: 'Must be at least 1. Must be a whole number.',
    });
    expect(unmatched).toEqual([{ field: 'quotas', message: 'unknown' }]);
  });
});
