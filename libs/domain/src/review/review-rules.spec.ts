import { describe, expect, it } from 'vitest';
import { assignReviewers } from '../review-assignment/assign-reviewers.js';
import { blindAnswers, blindApplicantProfile } from './blind-review.js';
import { reviewConflictOf } from './review-conflicts.js';
import { rubricChangeProblems, rubricProblems, type ReviewCriterion } from './review-rubric.js';
import { reviewProblems } from './review-scores.js';

const expertise: ReviewCriterion = {
  id: 'expertise',
  label: 'Expertise',
  weight: 2,
  scale: { min: 1, max: 5 },
};
const fit: ReviewCriterion = { id: 'fit', label: 'Fit', weight: 1, scale: { min: 0, max: 10 } };

describe('rubricProblems', () => {
  it.each<{ name: string; criteria: ReviewCriterion[]; fields: string[] }>([
    { name: 'a good rubric', criteria: [expertise, fit], fields: [] },
    { name: 'no criteria', criteria: [], fields: ['criteria'] },
    {
      name: 'a repeated id',
      criteria: [expertise, { ...fit, id: 'expertise' }],
      fields: ['criteria[1].id'],
    },
    {
      name: 'a zero weight and an upside-down scale',
      criteria: [{ ...expertise, weight: 0, scale: { min: 5, max: 1 } }],
      fields: ['criteria[0].weight', 'criteria[0].scale'],
    },
    {
      name: 'fractional scale ends',
      criteria: [{ ...expertise, scale: { min: 0.5, max: 5 } }],
      fields: ['criteria[0].scale'],
    },
  ])('$name → $fields', ({ criteria, fields }) => {
    expect(rubricProblems(criteria).map((p) => p.field)).toEqual(fields);
  });
});

describe('rubricChangeProblems', () => {
  it('allows rewording and reweighting', () => {
    expect(
      rubricChangeProblems([expertise, fit], [{ ...expertise, label: 'Depth', weight: 5 }, fit]),
    ).toEqual([]);
  });
  it('refuses removed and added criteria and changed scales, each named', () => {
    const problems = rubricChangeProblems(
      [expertise, fit],
      [
        { ...expertise, scale: { min: 1, max: 7 } },
        { ...fit, id: 'novelty' },
      ],
    );
    expect(problems.map((p) => p.field)).toEqual([
      'criteria',
      'criteria[0].scale',
      'criteria[1].id',
    ]);
  });
});

describe('reviewProblems', () => {
  const check = (scores: Record<string, unknown>, complete: boolean) =>
    reviewProblems({ criteria: [expertise, fit], scores, comment: '', complete }).map(
      (p) => p.field,
    );
  it.each<{ scores: Record<string, unknown>; complete: boolean; fields: string[] }>([
    { scores: { expertise: 3 }, complete: false, fields: [] },
    { scores: { expertise: 3 }, complete: true, fields: ['scores.fit'] },
    {
      scores: { expertise: 6, fit: 2.5, charm: 1 },
      complete: true,
      fields: ['scores.charm', 'scores.expertise', 'scores.fit'],
    },
    { scores: { expertise: '3', fit: 0 }, complete: true, fields: ['scores.expertise'] },
    { scores: { expertise: 1, fit: 10 }, complete: true, fields: [] },
  ])('$scores (complete: $complete) → $fields', ({ scores, complete, fields }) => {
    expect(check(scores, complete)).toEqual(fields);
  });
});

describe('reviewConflictOf', () => {
  const application = { applicantId: 'u-ada', institution: '  University of  Edinburgh ' };
  it.each<{
    name: string;
    reviewerInstitution: string | null;
    declared: ({ applicantId: string } | { institution: string })[];
    reason: string | null;
  }>([
    { name: 'no relation', reviewerInstitution: 'Argonne', declared: [], reason: null },
    {
      name: 'same institution, spelled differently',
      reviewerInstitution: 'university of edinburgh',
      declared: [],
      reason: 'same-institution',
    },
    {
      name: 'a declared person',
      reviewerInstitution: null,
      declared: [{ applicantId: 'u-ada' }],
      reason: 'declared-person',
    },
    {
      name: 'a declared institution',
      reviewerInstitution: null,
      declared: [{ institution: 'UNIVERSITY OF EDINBURGH' }],
      reason: 'declared-institution',
    },
  ])('$name → $reason', ({ reviewerInstitution, declared, reason }) => {
    expect(
      reviewConflictOf({ reviewerId: 'u-grace', reviewerInstitution, declared, application }),
    ).toBe(reason);
  });

  it('always puts a person in conflict with their own application, whatever else holds', async () => {
    expect(
      reviewConflictOf({
        reviewerId: 'u-ada',
        reviewerInstitution: 'Argonne',
        declared: [{ institution: 'University of Edinburgh' }],
        application,
      }),
    ).toBe('own-application');
    const result = await assignReviewers({
      applications: [
        { id: 'a-ada', applicantId: 'u-ada' },
        { id: 'a-bo', applicantId: 'u-bo' },
      ],
      reviewers: [{ id: 'u-ada' }, { id: 'u-bo' }],
      reviewsPerApplication: 2,
    });
    expect(result.assignments.map((a) => `${a.reviewerId}/${a.applicationId}`).sort()).toEqual([
      'u-ada/a-bo',
      'u-bo/a-ada',
    ]);
  });

  it('agrees with assignReviewers on who may review what', async () => {
    const institutions = [
      'Edinburgh',
      ' edinburgh',
      'EDINBURGH  ',
      'Argonne',
      'argonne national lab',
      '',
    ];
    const applications = institutions.map((institution, i) => ({ id: `a${i}`, institution }));
    const reviewers = institutions.map((institution, i) => ({ id: `r${i}`, institution }));
    const result = await assignReviewers({
      applications,
      reviewers,
      reviewsPerApplication: reviewers.length,
    });
    const assigned = new Set(result.assignments.map((a) => `${a.reviewerId}/${a.applicationId}`));
    for (const r of reviewers) {
      for (const a of applications) {
        const conflicted =
          reviewConflictOf({
            reviewerId: r.id,
            reviewerInstitution: r.institution,
            declared: [],
            application: { applicantId: 'x', institution: a.institution },
          }) !== null;
        expect(assigned.has(`${r.id}/${a.id}`), `${r.institution} → ${a.institution}`).toBe(
          !conflicted,
        );
      }
    }
  });
});

describe('blind review', () => {
  it('drops identity and keeps what the applicant can do', () => {
    const profile = {
      name: 'Ada',
      affiliation: 'UCL',
      country: 'GB',
      orcid: '0000-0002-1825-0097',
      links: ['https://a.example'],
      careerStage: 'senior',
      disciplines: ['AI'],
    };
    expect(blindApplicantProfile(profile)).toEqual({ careerStage: 'senior', disciplines: ['AI'] });
    expect(profile.name).toBe('Ada');
  });
  it('drops the answers to link questions', () => {
    const questions = [
      { id: 'pitch', type: 'short_text' as const, label: 'Pitch', required: true },
      { id: 'site', type: 'url' as const, label: 'Site', required: false },
    ];
    expect(blindAnswers(questions, { pitch: 'Twins', site: 'https://a.example' })).toEqual({
      pitch: 'Twins',
    });
  });
});
