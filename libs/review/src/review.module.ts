import { Module } from '@nestjs/common';
import { ApplicationsModule } from '@ideas-lab/applications';
import { IdentityModule } from '@ideas-lab/identity';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { ReviewAssignmentService } from './review-assignment.service.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { ReviewResultsService } from './review-results.service.js';
import { ReviewRubricService } from './review-rubric.service.js';
import { ReviewRubricsRepository } from './review-rubrics.repository.js';
import {
  MyReviewsController,
  ReviewAssignmentsController,
  ReviewersController,
  ReviewResultsController,
  RubricController,
} from './review.controller.js';
import { ReviewersRepository } from './reviewers.repository.js';
import { ReviewersService } from './reviewers.service.js';
import { ReviewsService } from './reviews.service.js';

@Module({
  imports: [IdentityModule, LabsModule, ApplicationsModule, LiveModule],
  controllers: [
    RubricController,
    ReviewersController,
    ReviewAssignmentsController,
    MyReviewsController,
    ReviewResultsController,
  ],
  providers: [
    ReviewRubricsRepository,
    ReviewersRepository,
    ReviewAssignmentsRepository,
    ReviewRubricService,
    ReviewersService,
    ReviewAssignmentService,
    ReviewsService,
    ReviewResultsService,
  ],
  exports: [
    ReviewRubricService,
    ReviewersService,
    ReviewAssignmentService,
    ReviewsService,
    ReviewResultsService,
  ],
})
export class ReviewModule {}
