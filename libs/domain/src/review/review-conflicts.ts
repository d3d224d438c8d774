/**
 * Conflicts of interest between a reviewer and an application: always one's own application;
 * declared (the applicant as a
 * person, or a whole institution) or derived (the reviewer's institution is the applicant's).
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
  if (declared.some((d) => 'applicantId' in d && d.applicantId === application.applicantId))
    return 'declared-person';
  const institution = normaliseInstitution(application.institution ?? '');
  if (institution === '') return null;
  if (
    declared.some((d) => 'institution' in d && normaliseInstitution(d.institution) === institution)
  )
    return 'declared-institution';
  if (normaliseInstitution(reviewerInstitution ?? '') === institution) return 'same-institution';
  return null;
}

export const CONFLICT_REASON_LABELS: Record<ConflictReason, string> = {
  'own-application': 'it is your own application',
  'declared-person': 'you declared a conflict with this applicant',
  'declared-institution': "you declared a conflict with the applicant's institution",
  'same-institution': "you work at the applicant's institution",
};
