export * from './review.module.js';
export * from './review-rubric.service.js';
export * from './reviewers.service.js';
export * from './review-assignment.service.js';
export * from './reviews.service.js';
export * from './review-results.service.js';
export * from './review.errors.js';
export * from './review.contract.js';
export * from './entities/review-rubric.entity.js';
export * from './entities/reviewer-profile.entity.js';
export * from './entities/review-conflict.entity.js';
export * from './entities/review-assignment.entity.js';
export * from './entities/review-assignment-run.entity.js';
export * from './entities/review-revision.entity.js';

import { ReviewAssignmentRunEntity } from './entities/review-assignment-run.entity.js';
import { ReviewAssignmentEntity } from './entities/review-assignment.entity.js';
import { ReviewConflictEntity } from './entities/review-conflict.entity.js';
import { ReviewRevisionEntity } from './entities/review-revision.entity.js';
import { ReviewRubricEntity } from './entities/review-rubric.entity.js';
import { ReviewerProfileEntity } from './entities/reviewer-profile.entity.js';

export const reviewEntities = [
  ReviewRubricEntity,
  ReviewerProfileEntity,
  ReviewConflictEntity,
  ReviewAssignmentEntity,
  ReviewAssignmentRunEntity,
  ReviewRevisionEntity,
];
