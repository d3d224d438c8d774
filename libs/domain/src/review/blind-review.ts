/**
 * The blind phase of application review: reviewers judge the application without knowing who
 * wrote it. Identity goes (name, institution, country, ORCID iD, links, and the answers to
 * link questions); what the applicant can do stays (disciplines, career stage, organisation
 * type, expertise, availability).
 */
import type { AnswerValue } from '../applications/application-form.js';
import type { FormQuestion } from '../applications/form-question.js';
import type { ApplicantProfile } from '../applications/applicant-profile.js';

export const BLIND_PROFILE_FIELDS = ['name', 'affiliation', 'country', 'orcid', 'links'] as const;

export function blindApplicantProfile(profile: ApplicantProfile): ApplicantProfile {
  const blind: ApplicantProfile = { ...profile };
  for (const field of BLIND_PROFILE_FIELDS) delete blind[field];
  return blind;
}

export function blindAnswers(
  questions: readonly FormQuestion[],
  answers: Readonly<Record<string, AnswerValue>>,
): Record<string, AnswerValue> {
  const links = new Set(questions.filter((q) => q.type === 'url').map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !links.has(id)));
}
