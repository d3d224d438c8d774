import { queryOptions } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { data, http, queryClient } from '../../api/http';
import { labKeys } from '../../api/labs';
import type { Schema } from '../../api/types';

// Application review: names for its shapes (all from the generated contract), the keys its
// screens cache under, how each is read, and the commands that change it.

export type Rubric = Schema<'Rubric'>;
export type RubricCriterion = Schema<'ReviewCriterion'>;
export type RubricInput = Schema<'PutRubric'>;
export type ReviewerProfile = Schema<'MyReviewerProfile'>;
export type ConflictDeclaration = NonNullable<Schema<'DeclareConflicts'>['conflicts']>[number];
export type ReviewQueue = Schema<'ReviewQueue'>;
export type ReviewQueueItem = ReviewQueue['items'][number];
export type ReviewProgress = ReviewQueue['progress'];
export type ReviewStatus = ReviewQueueItem['status'];
export type ConflictReason = NonNullable<ReviewQueueItem['conflict']>;
export type MyReview = Schema<'MyReview'>;
export type ApplicationToReview = Schema<'ApplicationToReview'>;
export type ReviewInput = Schema<'SaveReview'>;
export type ApplicationReviews = Schema<'ApplicationReviews'>;
export type SubmittedReview = ApplicationReviews['reviews'][number];
export type AssignmentRun = Schema<'AssignmentRun'>;
export type AssignmentRunInput = Schema<'RunAssignment'>;
export type ReviewAssignment = Schema<'Assignment'>;
export type LabReviewProgress = Schema<'ReviewProgressReport'>;

export const reviewKeys = {
  all: (labId: string) => [...labKeys.lab(labId), 'review'] as const,
  rubric: (labId: string) => [...reviewKeys.all(labId), 'rubric'] as const,
  myProfile: (labId: string) => [...reviewKeys.all(labId), 'reviewer-profile'] as const,
  queue: (labId: string) => [...reviewKeys.all(labId), 'queue'] as const,
  myReview: (labId: string, applicationId: string) =>
    [...reviewKeys.all(labId), 'my-review', applicationId] as const,
  reviewsOf: (labId: string, applicationId: string) =>
    [...reviewKeys.all(labId), 'reviews-of', applicationId] as const,
  assignments: (labId: string) => [...reviewKeys.all(labId), 'assignments'] as const,
  progress: (labId: string) => [...reviewKeys.all(labId), 'progress'] as const,
  scores: (labId: string) => [...reviewKeys.all(labId), 'scores'] as const,
};

const lab = (labId: string) => ({ params: { path: { labId } } });
const mine = (labId: string, applicationId: string) => ({
  params: { path: { labId, applicationId } },
});

export const reviewQueries = {
  /** The lab's rubric, or null while the organisers have not written one. */
  rubric: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.rubric(labId),
      queryFn: async (): Promise<Rubric | null> => {
        try {
          return await data(http.GET('/api/labs/{labId}/rubric', lab(labId)));
        } catch (error) {
          if (isApiError(error) && error.code === 'REVIEW_RUBRIC_NOT_SET') return null;
          throw error;
        }
      },
    }),
  myProfile: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.myProfile(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/reviewers/me', lab(labId))),
    }),
  queue: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.queue(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/my-reviews', lab(labId))),
    }),
  myReview: (labId: string, applicationId: string) =>
    queryOptions({
      queryKey: reviewKeys.myReview(labId, applicationId),
      queryFn: () =>
        data(http.GET('/api/labs/{labId}/my-reviews/{applicationId}', mine(labId, applicationId))),
    }),
  reviewsOf: (labId: string, applicationId: string) =>
    queryOptions({
      queryKey: reviewKeys.reviewsOf(labId, applicationId),
      queryFn: () =>
        data(
          http.GET(
            '/api/labs/{labId}/applications/{applicationId}/reviews',
            mine(labId, applicationId),
          ),
        ),
    }),
  assignments: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.assignments(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/review-assignments', lab(labId))),
    }),
  progress: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.progress(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/review-progress', lab(labId))),
    }),
  /** Per application: weighted score, raw mean, normalised merit, review count and spread. */
  scores: (labId: string) =>
    queryOptions({
      queryKey: reviewKeys.scores(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/scores', lab(labId))),
    }),
};

export const reviewCommands = {
  closeReview: (labId: string) => data(http.POST('/api/labs/{labId}/rubric/close', lab(labId))),
  putRubric: (labId: string, body: RubricInput) =>
    data(http.PUT('/api/labs/{labId}/rubric', { ...lab(labId), body })),
  declareConflicts: (labId: string, body: Schema<'DeclareConflicts'>) =>
    data(http.PUT('/api/labs/{labId}/reviewers/me', { ...lab(labId), body })),
  saveReview: (labId: string, applicationId: string, body: ReviewInput) =>
    data(
      http.PUT('/api/labs/{labId}/my-reviews/{applicationId}', {
        ...mine(labId, applicationId),
        body,
      }),
    ),
  submitReview: (labId: string, applicationId: string, body: ReviewInput) =>
    data(
      http.POST('/api/labs/{labId}/my-reviews/{applicationId}/submit', {
        ...mine(labId, applicationId),
        body,
      }),
    ),
  runAssignment: (labId: string, body: AssignmentRunInput) =>
    data(http.POST('/api/labs/{labId}/review-assignments/run', { ...lab(labId), body })),
  addAssignment: (labId: string, body: Schema<'AddAssignment'>) =>
    data(http.POST('/api/labs/{labId}/review-assignments', { ...lab(labId), body })),
  removeAssignment: (labId: string, assignmentId: string) =>
    data(
      http.DELETE('/api/labs/{labId}/review-assignments/{assignmentId}', {
        params: { path: { labId, assignmentId } },
      }),
    ),
};

/** Reviews or assignments changed: every review screen of the lab reads them again. */
export function reviewChanged(labId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: reviewKeys.all(labId) });
}
