import { describe, expect, it } from 'vitest';
import {
  answerProblems,
  answerShapeProblems,
  formDefinitionProblems,
  isWebAddress,
} from './application-form.js';
import { FormQuestion } from './form-question.js';

// Parsed by the contract's schema, so the rules are tested on questions the API accepts.
const form = FormQuestion.array().parse([
  { id: 'motivation', type: 'long_text', label: 'Why this lab?', required: true, wordLimit: 5 },
  { id: 'title', type: 'short_text', label: 'Your job title', required: false },
  {
    id: 'role',
    type: 'single_choice',
    label: 'Preferred role',
    required: true,
    options: ['modeller', 'clinician'],
  },
  {
    id: 'methods',
    type: 'multiple_choice',
    label: 'Methods',
    required: false,
    options: ['ML', 'ODE', 'agent-based'],
  },
  { id: 'site', type: 'url', label: 'Website', required: false },
  {
    id: 'conduct',
    type: 'yes_no',
    label: 'I accept the code of conduct',
    required: true,
    requireYes: true,
  },
]);

describe('formDefinitionProblems', () => {
  it('accepts a well-formed form', () => {
    expect(formDefinitionProblems(form)).toEqual([]);
  });

  it('reports every problem by question position', () => {
    const problems = formDefinitionProblems([
      { id: 'Bad Id', type: 'short_text', label: 'x', required: false },
      { id: 'a', type: 'single_choice', label: 'x', required: true, options: ['one'] },
      { id: 'a', type: 'multiple_choice', label: 'x', required: true, options: ['x', 'X'] },
      {
        id: 'b',
        type: 'short_text',
        label: 'x',
        required: true,
        wordLimit: 10,
        options: ['x', 'y'],
      },
      { id: 'c', type: 'long_text', label: 'x', required: true, requireYes: true },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'questions[0].id',
      'questions[1].options',
      'questions[2].id',
      'questions[2].options',
      'questions[3].options',
      'questions[3].wordLimit',
      'questions[4].requireYes',
    ]);
  });
});

describe('answerShapeProblems (what a draft may hold)', () => {
  it.each([
    [{ motivation: 'half a thought' }, []],
    [{ motivation: null, role: null }, []],
    [{ nosuch: 'x' }, ['answers.nosuch']],
    [{ motivation: 42 }, ['answers.motivation']],
    [{ methods: 'ML' }, ['answers.methods']],
    [{ conduct: 'yes' }, ['answers.conduct']],
    [{ title: 'x'.repeat(301) }, ['answers.title']],
  ])('%j', (answers, fields) => {
    expect(answerShapeProblems(form, answers).map((p) => p.field)).toEqual(fields);
  });
});

describe('answerProblems (for submission)', () => {
  const complete = { motivation: 'I build digital twins', role: 'modeller', conduct: true };

  it('accepts complete answers', () => {
    expect(answerProblems(form, complete)).toEqual([]);
  });

  it('lists every problem at once, in the order of the form', () => {
    const problems = answerProblems(form, {
      motivation: 'one two three four five six',
      role: 'statistician',
      methods: ['ML', 'ML'],
      site: 'not a link',
      conduct: false,
    });
    expect(problems).toEqual([
      { field: 'answers.motivation', message: 'the answer has 6 words; the limit is 5' },
      { field: 'answers.role', message: 'choose one of the options' },
      { field: 'answers.methods', message: 'an option is chosen twice' },
      { field: 'answers.site', message: 'the answer must be a web address starting with https://' },
      {
        field: 'answers.conduct',
        message: '"I accept the code of conduct" must be answered yes to apply',
      },
    ]);
  });

  it.each([
    ['missing', {}],
    ['blank', { motivation: '   ', role: '', conduct: null }],
  ])('reports required answers that are %s', (_, answers) => {
    expect(answerProblems(form, answers).map((p) => p.field)).toEqual([
      'answers.motivation',
      'answers.role',
      'answers.conduct',
    ]);
  });

  it('counts words, not characters, against the limit', () => {
    expect(answerProblems(form, { ...complete, motivation: 'one two three four five' })).toEqual(
      [],
    );
    expect(
      answerProblems(form, { ...complete, motivation: 'one\n\ntwo — three four five' }),
    ).toEqual([]);
  });
});

describe('isWebAddress', () => {
  it.each([
    ['https://orcid.org/0000-0002-1825-0097', true],
    ['http://lab.example.edu/~me', true],
    ['ftp://example.org', false],
    ['https://localhost', false],
    ['javascript:alert(1)', false],
    ['https://exa mple.org', false],
    ['example.org', false],
  ])('%s → %s', (value, ok) => {
    expect(isWebAddress(value)).toBe(ok);
  });
});
