import type { ApiClient } from '../../api/client';
import type { AnswerValue, ApplicantProfile, FormQuestion } from '../../api/types';

// The shapes of libs/review's routes, as the server returns them.

export interface RubricCriterion {
  /** Stable; reviews key their scores by it. */
  id: string;
  label: string;
  description?: string;
  /** Relative weight, > 0. */
  weight: number;
  scale: { min: number; max: number };
}

export interface Rubric {
  labId: string;
  version: number;
  criteria: RubricCriterion[];
  commentPrompt: string;
  /** Reviewers see no name, institution, country, ORCID iD or links, nor who the other reviewers are. */
  blind: boolean;
  /** Reviews were submitted: criteria and scales are fixed; labels, descriptions and weights may change. */
  locked: boolean;
  submittedReviews: number;
  updatedAt: string;
}

export interface RubricInput {
  criteria: RubricCriterion[];
  commentPrompt?: string;
  blind?: boolean;
  /** The version edited (optimistic locking). */
  version?: number;
}

export type ConflictDeclaration =
  { applicantEmail: string; applicantId?: string } | { institution: string };

export interface ReviewerProfile {
  labId: string;
  institution: string;
  conflicts: { applicantEmail?: string; applicantId?: string; institution?: string }[];
  /** Assignments of mine dropped because they became conflicts of interest. */
  removedAssignments: number;
}

export type ReviewStatus = 'assigned' | 'draft' | 'submitted';
export type ConflictReason =
  'own-application' | 'declared-person' | 'declared-institution' | 'same-institution';

export interface ReviewProgress {
  assigned: number;
  submitted: number;
  draft: number;
  notStarted: number;
}

export interface ReviewQueueItem {
  applicationId: string;
  /** Null in the blind phase. */
  applicantName: string | null;
  primaryDiscipline: string | null;
  careerStage: string | null;
  organisationType: string | null;
  status: ReviewStatus;
  /** The application became a conflict of interest after it was assigned: it cannot be opened. */
  conflict: ConflictReason | null;
  submittedAt: string | null;
}

export interface ReviewQueue {
  labId: string;
  blind: boolean;
  progress: ReviewProgress;
  items: ReviewQueueItem[];
}

export interface MyReview {
  status: ReviewStatus;
  scores: Record<string, number>;
  comment: string;
  rubricVersion: number | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface ApplicationToReview {
  applicationId: string;
  blind: boolean;
  /** In the blind phase without name, institution, country, ORCID iD and links. */
  profile: ApplicantProfile;
  answers: Record<string, AnswerValue>;
  questions: FormQuestion[];
  rubric: Rubric | null;
  review: MyReview;
  othersVisible: boolean;
}

export interface ReviewInput {
  /** Score per criterion id; null clears one. Replaces the saved scores. */
  scores?: Record<string, number | null>;
  comment?: string;
}

export interface SubmittedReview {
  /** Null for others in the blind phase. */
  reviewerId: string | null;
  reviewerName: string;
  mine: boolean;
  scores: Record<string, number>;
  comment: string;
  /** 0..1 */
  weightedScore: number;
  submittedAt: string;
}

export interface ApplicationReviews {
  applicationId: string;
  blind: boolean;
  reviews: SubmittedReview[];
}

export interface AssignmentRunInput {
  reviewsPerApplication: number;
  load?: { min?: number; max?: number };
  /** Default: every mentor and organiser of the lab. */
  reviewerIds?: string[];
}

export interface AssignmentRun {
  runId: string;
  complete: boolean;
  optimal: boolean;
  solverStatus: string;
  reviewsPerApplication: number;
  applications: number;
  kept: number;
  added: number;
  loads: { reviewerId: string; name: string; load: number; min: number; max: number | null }[];
  loadSpread: number;
  unfilled: { applicationId: string; name: string | null; assigned: number; missing: number }[];
  problems: string[];
  warnings: string[];
  createdAt: string;
}

export interface ReviewAssignment {
  id: string;
  applicationId: string;
  applicantName: string | null;
  reviewerId: string;
  reviewerName: string;
  source: 'auto' | 'manual';
  status: ReviewStatus;
}

export interface ReviewAssignments {
  assignments: ReviewAssignment[];
  latestRun: AssignmentRun | null;
}

export interface LabReviewProgress {
  totals: ReviewProgress & { applications: number; applicationsFullyReviewed: number };
  perReviewer: (ReviewProgress & { reviewerId: string; name: string; roles: string[] })[];
  perApplication: (ReviewProgress & { applicationId: string; applicantName: string | null })[];
}

const id = (value: string) => encodeURIComponent(value);

/** Application review: reviewer queue, rubric form, conflicts, rubric editor, assignment: one typed function per API route. */
export function reviewApi(client: ApiClient) {
  const lab = (labId: string) => `/labs/${id(labId)}`;
  const mine = (labId: string, applicationId: string) =>
    `${lab(labId)}/my-reviews/${id(applicationId)}`;
  return {
    rubric: {
      get: (labId: string) => client.request<Rubric>('GET', `${lab(labId)}/rubric`),
      put: (labId: string, input: RubricInput) =>
        client.request<Rubric>('PUT', `${lab(labId)}/rubric`, { body: input }),
    },
    reviewer: {
      mine: (labId: string) => client.request<ReviewerProfile>('GET', `${lab(labId)}/reviewers/me`),
      declare: (
        labId: string,
        input: { institution?: string; conflicts?: ConflictDeclaration[] },
      ) => client.request<ReviewerProfile>('PUT', `${lab(labId)}/reviewers/me`, { body: input }),
    },
    myReviews: {
      queue: (labId: string) => client.request<ReviewQueue>('GET', `${lab(labId)}/my-reviews`),
      open: (labId: string, applicationId: string) =>
        client.request<ApplicationToReview>('GET', mine(labId, applicationId)),
      save: (labId: string, applicationId: string, input: ReviewInput) =>
        client.request<MyReview>('PUT', mine(labId, applicationId), { body: input }),
      submit: (labId: string, applicationId: string, input: ReviewInput) =>
        client.request<MyReview>('POST', `${mine(labId, applicationId)}/submit`, { body: input }),
    },
    reviewsOf: (labId: string, applicationId: string) =>
      client.request<ApplicationReviews>(
        'GET',
        `${lab(labId)}/applications/${id(applicationId)}/reviews`,
      ),
    assignments: {
      list: (labId: string) =>
        client.request<ReviewAssignments>('GET', `${lab(labId)}/review-assignments`),
      run: (labId: string, input: AssignmentRunInput) =>
        client.request<AssignmentRun>('POST', `${lab(labId)}/review-assignments/run`, {
          body: input,
        }),
      add: (labId: string, input: { applicationId: string; reviewerId: string }) =>
        client.request<ReviewAssignment>('POST', `${lab(labId)}/review-assignments`, {
          body: input,
        }),
      remove: (labId: string, assignmentId: string) =>
        client.request<void>('DELETE', `${lab(labId)}/review-assignments/${id(assignmentId)}`),
    },
    progress: (labId: string) =>
      client.request<LabReviewProgress>('GET', `${lab(labId)}/review-progress`),
  };
}

export type ReviewApi = ReturnType<typeof reviewApi>;
