import { z } from 'zod';
import { formatCalendarDay } from './application-deadline.js';
import { isWebAddress, type ApplicationProblem } from './application-form.js';
import { isCountryCode } from './countries.js';
import { readOrcid } from './orcid.js';

const text = (max: number) => z.string().max(max).nullable().optional();
const list = (maxItems: number, maxLength: number) =>
  z.array(z.string().max(maxLength)).max(maxItems).nullable().optional();

/**
 * Who applies: every field optional while the application is a draft (`null` clears one).
 * The one declaration of the shape: the applications contract validates and documents it
 * with this schema, and the web client's type is generated from that document.
 */
export const ApplicantProfile = z.strictObject({
  name: text(200).meta({ example: 'Ada Lovelace' }),
  affiliation: text(300).meta({
    example: 'University of London',
    description: 'Your institution.',
  }),
  organisationType: text(200).meta({
    example: 'university',
    description: "One of the lab's organisation types.",
  }),
  careerStage: text(200).meta({
    example: 'early career',
    description: "One of the lab's career stages.",
  }),
  disciplines: list(20, 200).meta({
    example: ['AI', 'cancer research'],
    description: "From the lab's disciplines.",
  }),
  primaryDiscipline: text(200).meta({ example: 'AI', description: 'One of `disciplines`.' }),
  expertiseKeywords: list(20, 100).meta({ example: ['mechanistic models', 'tumour growth'] }),
  country: text(2).meta({ example: 'GB', description: 'ISO 3166-1 alpha-2 country code.' }),
  orcid: text(60).meta({
    example: '0000-0002-1825-0097',
    description: 'Optional; checked for its format and check digit.',
  }),
  links: list(10, 2000).meta({ example: ['https://example.org/ada'] }),
  availability: z
    .record(z.string(), z.boolean(), 'must map workshop days to true or false')
    .nullable()
    .optional()
    .meta({
      example: { '2027-07-12': true, '2027-07-13': false },
      description:
        "Whether you can attend each workshop day (dates in the lab's time zone, see `availability.workshopDays`).",
    }),
});
export type ApplicantProfile = z.output<typeof ApplicantProfile>;

export interface ProfileRules {
  taxonomy: {
    disciplines: readonly string[];
    careerStages: readonly string[];
    organisationTypes: readonly string[];
  };
  workshopDays: readonly string[];
}

export const MAX_EXPERTISE_KEYWORDS = 10;
export const MAX_LINKS = 5;

const blank = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '';
const listOf = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');

/**
 * Whether the applicant can attend the whole workshop. A "no" is allowed (reviewers see it),
 * `missingDays` have no answer yet.
 */
export function availabilitySummary(
  availability: Record<string, boolean> | null | undefined,
  workshopDays: readonly string[],
) {
  const unavailableDays = workshopDays.filter((d) => availability?.[d] === false);
  const missingDays = workshopDays.filter((d) => typeof availability?.[d] !== 'boolean');
  return {
    availableForWholeWorkshop: missingDays.length > 0 ? null : unavailableDays.length === 0,
    unavailableDays,
    missingDays,
  };
}

/** Every problem with a profile, for submission, by field path (`profile.orcid`). */
export function profileProblems(
  profile: ApplicantProfile,
  rules: ProfileRules,
): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field: `profile.${field}`, message });
  const { taxonomy } = rules;

  if (blank(profile.name)) add('name', 'your name is required');
  if (blank(profile.affiliation)) add('affiliation', 'your institution is required');
  for (const [field, value, allowed, what] of [
    ['organisationType', profile.organisationType, taxonomy.organisationTypes, 'organisation type'],
    ['careerStage', profile.careerStage, taxonomy.careerStages, 'career stage'],
  ] as const) {
    if (blank(value)) add(field, `choose your ${what}`);
    else if (!allowed.includes(value!))
      add(field, `choose one of this lab's ${what}s: ${listOf(allowed)}`);
  }

  const disciplines = profile.disciplines ?? [];
  if (disciplines.length === 0) add('disciplines', 'choose at least one discipline');
  const unknown = disciplines.filter((d) => !taxonomy.disciplines.includes(d));
  if (unknown.length > 0)
    add(
      'disciplines',
      `${listOf(unknown)} ${unknown.length === 1 ? 'is' : 'are'} not among this lab's disciplines: ${listOf(taxonomy.disciplines)}`,
    );
  if (new Set(disciplines).size !== disciplines.length)
    add('disciplines', 'a discipline is listed twice');
  if (blank(profile.primaryDiscipline))
    add('primaryDiscipline', 'mark one of your disciplines as the primary one');
  else if (!disciplines.includes(profile.primaryDiscipline!))
    add('primaryDiscipline', 'the primary discipline must be one of the disciplines you chose');

  const keywords = (profile.expertiseKeywords ?? []).filter((k) => !blank(k));
  if (keywords.length === 0)
    add('expertiseKeywords', 'give at least one keyword for your expertise');
  if (keywords.length > MAX_EXPERTISE_KEYWORDS)
    add('expertiseKeywords', `give at most ${MAX_EXPERTISE_KEYWORDS} keywords`);

  if (blank(profile.country)) add('country', 'your country is required');
  else if (!isCountryCode(profile.country!))
    add('country', `"${profile.country}" is not an ISO 3166-1 country code such as US, GB or DE`);

  if (!blank(profile.orcid)) {
    const orcid = readOrcid(profile.orcid!);
    if (!orcid.ok) add('orcid', orcid.message);
  }

  const links = profile.links ?? [];
  if (links.length > MAX_LINKS) add('links', `give at most ${MAX_LINKS} links`);
  links.forEach((link, i) => {
    if (!isWebAddress(link))
      add(`links[${i}]`, 'a link must be a web address starting with https://');
  });

  const availability = profile.availability ?? {};
  for (const day of availabilitySummary(availability, rules.workshopDays).missingDays) {
    add(`availability.${day}`, `say whether you can attend on ${formatCalendarDay(day)}`);
  }
  for (const day of Object.keys(availability)) {
    if (!rules.workshopDays.includes(day))
      add(`availability.${day}`, `${formatCalendarDay(day)} is not a day of the workshop`);
  }
  return problems;
}
