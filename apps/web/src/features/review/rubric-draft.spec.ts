import { describe, expect, it } from 'vitest';
import {
  besideCriterion,
  criteriaOf,
  criterionIdFrom,
  draftsOf,
  emptyCriterion,
  localProblems,
  rubricIssueTarget,
  SUGGESTED_CRITERIA,
  weightShares,
  withLabel,
  type CriterionDraft,
} from './rubric-draft';

const draft = (patch: Partial<CriterionDraft>): CriterionDraft => ({
  ...emptyCriterion(),
  ...patch,
});

describe('criterionIdFrom', () => {
  it.each([
    ['Relevant expertise', [], 'relevant-expertise'],
    ['Fit to the challenge', ['fit-to-the-challenge'], 'fit-to-the-challenge-2'],
    [
      'Fit to the challenge',
      ['fit-to-the-challenge', 'fit-to-the-challenge-2'],
      'fit-to-the-challenge-3',
    ],
    ['3D modelling', [], 'c-3d-modelling'],
    ['Créativité', [], 'creativite'],
    ['!!!', [], ''],
  ])('%j (taken %j) → %j', (label, taken, id) => {
    expect(criterionIdFrom(label, taken)).toBe(id);
  });

  it('always gives an id the server accepts', () => {
    const id = criterionIdFrom('A very long criterion label that goes on and on and on', []);
    expect(id).toMatch(/^[a-z][a-z0-9_-]{0,39}$/);
  });
});

describe('withLabel', () => {
  it('lets a new criterion’s id follow its label, but not an edited or saved one', () => {
    const fresh = draft({});
    expect(withLabel(fresh, 'Communication', [fresh]).id).toBe('communication');
    const edited = draft({ id: 'comms', idEdited: true });
    expect(withLabel(edited, 'Communication', [edited]).id).toBe('comms');
    const [saved] = draftsOf({
      labId: 'l',
      version: 1,
      criteria: [SUGGESTED_CRITERIA[0]],
      commentPrompt: '',
      blind: false,
      locked: false,
      submittedReviews: 0,
      updatedAt: '',
      closedAt: null,
    });
    expect(withLabel(saved, 'Expertise in the area', [saved]).id).toBe('expertise');
  });

  it('does not reuse another criterion’s id', () => {
    const other = draft({ id: 'fit', idEdited: true });
    const fresh = draft({});
    expect(withLabel(fresh, 'Fit', [other, fresh]).id).toBe('fit-2');
  });
});

describe('drafts and criteria', () => {
  it('starts a lab without a rubric from the suggested criteria, not yet saved', () => {
    const drafts = draftsOf(null);
    expect(drafts.map((d) => d.id)).toEqual(SUGGESTED_CRITERIA.map((c) => c.id));
    expect(drafts.every((d) => !d.saved)).toBe(true);
    expect(criteriaOf(drafts)).toEqual(SUGGESTED_CRITERIA);
  });

  it('sends trimmed text and numbers, and no empty description', () => {
    expect(
      criteriaOf([
        draft({
          id: ' fit ',
          label: ' Fit ',
          description: '  ',
          weight: '1.5',
          min: '0',
          max: '10',
        }),
      ]),
    ).toEqual([{ id: 'fit', label: 'Fit', weight: 1.5, scale: { min: 0, max: 10 } }]);
  });

  it('names unreadable numbers before asking the server', () => {
    const a = draft({ weight: 'two' });
    const b = draft({ min: '1.5' });
    const c = draft({});
    const problems = localProblems([a, b, c]);
    expect(Object.keys(problems)).toEqual([a.key, b.key]);
    expect(problems[a.key]).toHaveProperty('weight');
    expect(problems[b.key]).toHaveProperty('scale');
  });

  it('shows each criterion’s share of the score', () => {
    expect(
      weightShares([draft({ weight: '2' }), draft({ weight: '1' }), draft({ weight: '1' })]),
    ).toEqual([50, 25, 25]);
    expect(weightShares([draft({ weight: '2' }), draft({ weight: '' })])).toEqual([null, null]);
  });
});

describe('rubricIssueTarget', () => {
  it.each([
    ['criteria[2].scale', { index: 2, part: 'scale' }],
    ['criteria[0].id', { index: 0, part: 'id' }],
    ['criteria.1.weight', { index: 1, part: 'weight' }],
    ['criteria.3.scale.min', { index: 3, part: 'scale' }],
    ['criteria[4]', { index: 4, part: 'label' }],
    ['criteria', null],
    ['commentPrompt', null],
  ])('%s → %j', (field, target) => {
    expect(rubricIssueTarget(field)).toEqual(target);
  });
});

describe('besideCriterion', () => {
  it.each([
    [
      'scale',
      'scale max must be greater than min',
      'The highest score must be greater than the lowest.',
    ],
    [
      'scale',
      'scale min and max must be whole numbers',
      'The lowest and highest scores must be whole numbers.',
    ],
    ['scale', 'a scale has at most 100 steps', 'A scale has at most 100 steps.'],
    ['weight', 'weight must be greater than 0', 'Must be greater than 0.'],
    ['id', 'id "fit" is used by another criterion', '"fit" is used by another criterion.'],
  ] as const)('%s: %s', (part, message, shown) => {
    expect(besideCriterion(part, message)).toBe(shown);
  });
});
