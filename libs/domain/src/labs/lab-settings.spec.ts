import { describe, expect, it } from 'vitest';
import { isIanaTimezone, labSettingsProblems, type LabSettingsFacts } from './lab-settings.js';

const good: LabSettingsFacts = {
  timezone: 'America/New_York',
  capacity: 30,
  applicationsOpenAt: new Date('2026-01-01T00:00:00Z'),
  applicationsCloseAt: new Date('2026-02-01T00:00:00Z'),
  workshopStartAt: new Date('2026-03-01T00:00:00Z'),
  workshopEndAt: new Date('2026-03-06T00:00:00Z'),
  proposalsDueAt: new Date('2026-04-01T00:00:00Z'),
  teamSizeMin: 3,
  teamSizeMax: 6,
  disciplines: ['AI', 'bioinformatics'],
  careerStages: ['early career'],
  organisationTypes: ['university'],
};

describe('labSettingsProblems', () => {
  it('accepts consistent settings', () => {
    expect(labSettingsProblems(good)).toEqual([]);
  });

  it('reports every problem at once, by field', () => {
    const problems = labSettingsProblems({
      ...good,
      timezone: 'Mars/Olympus',
      teamSizeMin: 7,
      workshopEndAt: new Date('2026-02-28T00:00:00Z'),
      disciplines: ['AI', 'ai'],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'timezone',
      'teamSize.min',
      'dates.workshopEndAt',
      'taxonomy.disciplines',
    ]);
  });

  it('lets the workshop start the day applications close but not before', () => {
    expect(labSettingsProblems({ ...good, workshopStartAt: good.applicationsCloseAt })).toEqual([]);
    expect(
      labSettingsProblems({ ...good, workshopStartAt: new Date('2026-01-31T00:00:00Z') }).map(
        (p) => p.field,
      ),
    ).toEqual(['dates.workshopStartAt']);
  });
});

describe('isIanaTimezone', () => {
  it.each([
    ['UTC', true],
    ['Europe/London', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ['', false],
    ['EST; DROP TABLE', false],
  ])('%s → %s', (tz, ok) => expect(isIanaTimezone(tz)).toBe(ok));
});
