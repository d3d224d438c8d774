import { profileProblems, type ApplicantProfile, type ProfileRules } from './applicant-profile.js';
import { answerProblems, type AnswerValue, type ApplicationProblem } from './application-form.js';
import type { FormQuestion } from './form-question.js';

/**
 * Everything that keeps an application from being submitted, all at once: the profile
 * first, then the answers in the order of the form.
 */
export function applicationProblems(input: {
  questions: readonly FormQuestion[];
  profile: ApplicantProfile;
  answers: Record<string, AnswerValue | null>;
  rules: ProfileRules;
}): ApplicationProblem[] {
  return [
    ...profileProblems(input.profile, input.rules),
    ...answerProblems(input.questions, input.answers),
  ];
}
