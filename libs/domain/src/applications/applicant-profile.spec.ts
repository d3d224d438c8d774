import { describe, expect, it } from 'vitest';
import {
  availabilitySummary,
  profileProblems,
  type ApplicantProfile,
  type ProfileRules,
} from './applicant-profile.js';

const rules: ProfileRules = {
  taxonomy: {
    disciplines: ['AI', 'bioinformatics', 'cancer research'],
    careerStages: ['early career', 'senior'],
    organisationTypes: ['university', 'national laboratory'],
  },
  workshopDays: ['2027-07-12', '2027-07-13'],
};

const complete: ApplicantProfile = {
  name: 'Ada Lovelace',
  affiliation: 'University of London',
  organisationType: 'university',
  careerStage: 'senior',
  disciplines: ['AI', 'cancer research'],
  primaryDiscipline: 'AI',
  expertiseKeywords: ['mechanistic models'],
  country: 'GB',
  orcid: '0000-0002-1825-0097',
  links: ['https://example.org/ada'],
  availability: { '2027-07-12': true, '2027-07-13': false },
};

describe('profileProblems', () => {
  it('accepts a complete profile, with a day the applicant cannot attend', () => {
    expect(profileProblems(complete, rules)).toEqual([]);
  });

  it('accepts a profile without the optional ORCID iD and links', () => {
    expect(profileProblems({ ...complete, orcid: null, links: [] }, rules)).toEqual([]);
  });

  it('lists every missing field of an empty profile', () => {
    expect(profileProblems({}, rules).map((p) => p.field)).toEqual([
      'profile.name',
      'profile.affiliation',
      'profile.organisationType',
      'profile.careerStage',
      'profile.disciplines',
      'profile.primaryDiscipline',
      'profile.expertiseKeywords',
      'profile.country',
      'profile.availability.2027-07-12',
      'profile.availability.2027-07-13',
    ]);
  });

  it.each<[string, ApplicantProfile, string, RegExp]>([
    [
      'a career stage outside the taxonomy',
      { careerStage: 'postdoc' },
      'profile.careerStage',
      /"early career", "senior"/,
    ],
    [
      'an organisation type outside the taxonomy',
      { organisationType: 'company' },
      'profile.organisationType',
      /university/,
    ],
    [
      'a discipline outside the taxonomy',
      { disciplines: ['AI', 'astrology'] },
      'profile.disciplines',
      /"astrology" is not among/,
    ],
    [
      'a primary discipline not chosen',
      { primaryDiscipline: 'bioinformatics' },
      'profile.primaryDiscipline',
      /one of the disciplines you chose/,
    ],
    ['a retired country code', { country: 'UK' }, 'profile.country', /ISO 3166-1/],
    ['a lower-case country code', { country: 'gb' }, 'profile.country', /ISO 3166-1/],
    ['an ORCID iD with a typo', { orcid: '0000-0002-1825-0098' }, 'profile.orcid', /check digit/],
    ['a malformed ORCID iD', { orcid: '1234' }, 'profile.orcid', /has the form/],
    [
      'a link that is not a web address',
      { links: ['https://ok.example.org', 'mailto:ada@example.org'] },
      'profile.links[1]',
      /web address/,
    ],
    [
      'a day outside the workshop',
      { availability: { '2027-07-12': true, '2027-07-13': true, '2027-07-14': true } },
      'profile.availability.2027-07-14',
      /^Wednesday 14 July 2027 is not a day of the workshop$/,
    ],
    [
      'too many keywords',
      { expertiseKeywords: Array.from({ length: 11 }, (_, i) => `k${i}`) },
      'profile.expertiseKeywords',
      /at most 10/,
    ],
  ])('reports %s', (_, change, field, message) => {
    const problems = profileProblems({ ...complete, ...change }, rules);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].message).toMatch(message);
  });
});

describe('availabilitySummary', () => {
  it.each([
    [{ '2027-07-12': true, '2027-07-13': true }, true, [], []],
    [{ '2027-07-12': true, '2027-07-13': false }, false, ['2027-07-13'], []],
    [{ '2027-07-12': false }, null, ['2027-07-12'], ['2027-07-13']],
    [null, null, [], ['2027-07-12', '2027-07-13']],
  ])('%j', (availability, whole, unavailable, missing) => {
    expect(availabilitySummary(availability, rules.workshopDays)).toEqual({
      availableForWholeWorkshop: whole,
      unavailableDays: unavailable,
      missingDays: missing,
    });
  });
});
