import { describe, expect, it } from 'vitest';
import type { FormQuestion } from '../api/types';
import {
  applicationControlId,
  applicationFieldErrors,
  draftOf,
  emptyDraft,
  formProblemTarget,
  formatWorkshopDay,
  questionIdFrom,
  questionsOf,
  splitList,
} from './application-fields';

const QUESTIONS: FormQuestion[] = [
  { id: 'motivation', type: 'long_text', label: 'Why this lab?', required: true, wordLimit: 20 },
  { id: 'conduct', type: 'yes_no', label: 'I accept the code of conduct', required: true },
];

describe('applicationFieldErrors', () => {
  it('puts each refused field under the name the form gives it, once, in the server order', () => {
    const errors = applicationFieldErrors(
      [
        { field: 'profile.orcid', message: 'the check digit does not match' },
        {
          field: 'profile.links[0]',
          message: 'a link must be a web address starting with https://',
        },
        {
          field: 'profile.links[2]',
          message: 'a link must be a web address starting with https://',
        },
        {
          field: 'profile.availability.2027-07-13',
          message: 'say whether you can attend on Tuesday 13 July 2027',
        },
        { field: 'answers.motivation', message: 'the answer has 21 words; the limit is 20' },
        {
          field: 'answers.conduct',
          message: '"I accept the code of conduct" must be answered yes to apply',
        },
      ],
      QUESTIONS,
    );
    expect(errors).toEqual([
      { field: 'profile.orcid', label: 'ORCID iD', message: 'The check digit does not match.' },
      {
        field: 'profile.links',
        label: 'Links',
        message: 'A link must be a web address starting with https://.',
      },
      {
        field: 'profile.availability.2027-07-13',
        label: 'Availability on Tue 13 Jul',
        message: 'Say whether you can attend on Tuesday 13 July 2027.',
      },
      {
        field: 'answers.motivation',
        label: 'Why this lab?',
        message: 'The answer has 21 words; the limit is 20.',
      },
      {
        field: 'answers.conduct',
        label: 'I accept the code of conduct',
        message: '"I accept the code of conduct" must be answered yes to apply.',
      },
    ]);
  });

  it('gives each field a control id that is safe in a URL fragment', () => {
    expect(applicationControlId('profile.availability.2027-07-13')).toBe(
      'apply-profile-availability-2027-07-13',
    );
    expect(applicationControlId('answers.motivation')).toBe('apply-answers-motivation');
  });
});

describe('the form editor', () => {
  it('makes unique ids from labels for new questions and keeps existing ids', () => {
    expect(questionIdFrom('Why this lab?', new Set())).toBe('why-this-lab');
    expect(questionIdFrom('Why this lab?', new Set(['why-this-lab']))).toBe('why-this-lab-2');
    expect(questionIdFrom('2 — Écrivez', new Set())).toBe('ecrivez');
    expect(questionIdFrom('???', new Set())).toBe('question');

    const kept = draftOf(QUESTIONS[0]);
    const fresh = { ...emptyDraft('long_text'), label: 'Motivation' };
    const again = { ...emptyDraft('short_text'), label: 'Motivation' };
    expect(questionsOf([kept, fresh, again]).map((q) => q.id)).toEqual([
      'motivation',
      'motivation-2',
      'motivation-3',
    ]);
  });

  it('sends only what a question of its type means', () => {
    const choice = {
      ...emptyDraft('single_choice'),
      label: 'Role',
      options: 'modeller\n\n clinician \n',
    };
    const url = { ...emptyDraft('url'), label: 'Site', options: 'left over', wordLimit: '30' };
    const consent = { ...emptyDraft('yes_no'), label: 'I agree', helpText: '  ' };
    const essay = { ...emptyDraft('long_text'), label: 'Essay', wordLimit: '250' };
    expect(questionsOf([choice, url, consent, essay])).toEqual([
      {
        id: 'role',
        type: 'single_choice',
        label: 'Role',
        required: true,
        options: ['modeller', 'clinician'],
      },
      { id: 'site', type: 'url', label: 'Site', required: true },
      { id: 'i-agree', type: 'yes_no', label: 'I agree', required: true, requireYes: true },
      { id: 'essay', type: 'long_text', label: 'Essay', required: true, wordLimit: 250 },
    ]);
  });

  it('finds the question a publishing problem is about, in either path style', () => {
    expect(formProblemTarget('questions[2].options')).toEqual({ index: 2, part: 'options' });
    expect(formProblemTarget('questions.1.label')).toEqual({ index: 1, part: 'label' });
    expect(formProblemTarget('questions')).toBeNull();
  });
});

describe('small readers', () => {
  it('splits lists and names workshop days', () => {
    expect(splitList('ML, tumour growth,\n, agents ')).toEqual(['ML', 'tumour growth', 'agents']);
    expect(formatWorkshopDay('2027-07-12')).toBe('Mon 12 Jul');
  });
});
