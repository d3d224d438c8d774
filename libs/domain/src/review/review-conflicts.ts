/**
 * Conflicts of interest between a reviewer and an application: always one's own application;
 * declared (the applicant as a person, or a whole institution) or derived (the reviewer's
 * institution is the applicant's).
 * The same rules hold between a reviewer and a team (see proposal-conflicts.ts).
 * Institutions compare as `assignReviewers` compares them, case- and space-insensitively, so
 * the assignment and the door of an application agree.
 */
import { normaliseInstitution } from '../review-assignment/assign-reviewers.js';

export type DeclaredConflict = { applicantId: string } | { institution: string };

export type ConflictReason =
  'own-application' | 'declared-person' | 'declared-institution' | 'same-institution';

export function reviewConflictOf(input: {
  reviewerId: string;
  reviewerInstitution: string | null | undefined;
  declared: readonly DeclaredConflict[];
  application: { applicantId: string; institution: string | null | undefined };
}): ConflictReason | null {
  const { reviewerId, reviewerInstitution, declared, application } = input;
  if (reviewerId === application.applicantId) return 'own-application';
  return peopleConflictOf({
    reviewerInstitution,
    declared,
    people: [{ personId: application.applicantId, institution: application.institution }],
  });
}

/** Someone whose work is reviewed: an applicant, or a member of a team. */
export interface ReviewedPerson {
  /** The person's user id (declared conflicts name it as `applicantId`). */
  personId: string;
  institution?: string | null;
}

/** The reasons that hold between a reviewer and other people. */
export type PeopleConflictReason = Exclude<ConflictReason, 'own-application'>;

/**
 * The conflict between a reviewer and a group of people (one applicant, or a whole team):
 * a person declared, then an institution declared, then a shared institution, with any of them.
 * (Whether the reviewer is one of the people is the caller's first question.)
 */
export function peopleConflictOf(input: {
  reviewerInstitution: string | null | undefined;
  declared: readonly DeclaredConflict[];
  people: readonly ReviewedPerson[];
}): PeopleConflictReason | null {
  const { reviewerInstitution, declared, people } = input;
  const declaredPeople = new Set<string>();
  const declaredInstitutions = new Set<string>();
  for (const d of declared) {
    if ('applicantId' in d) declaredPeople.add(d.applicantId);
    else declaredInstitutions.add(normaliseInstitution(d.institution));
  }
  if (people.some((person) => declaredPeople.has(person.personId))) return 'declared-person';
  const institutions = people
    .map((person) => normaliseInstitution(person.institution ?? ''))
    .filter((institution) => institution !== '');
  if (institutions.some((institution) => declaredInstitutions.has(institution)))
    return 'declared-institution';
  const own = normaliseInstitution(reviewerInstitution ?? '');
  if (own !== '' && institutions.includes(own)) return 'same-institution';
  return null;
}

export const CONFLICT_REASON_LABELS: Record<ConflictReason, string> = {
  'own-application': 'it is your own application',
  'declared-person': 'you declared a conflict with this applicant',
  'declared-institution': "you declared a conflict with the applicant's institution",
  'same-institution': "you work at the applicant's institution",
};
