import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  AddAssignmentDto,
  ApplicationReviews,
  ApplicationToReview,
  Assignment,
  AssignmentRun,
  Assignments,
  DeclareConflictsDto,
  MyReview,
  MyReviewerProfile,
  PutRubricDto,
  ReviewProgressReport,
  ReviewQueue,
  RubricView,
  RunAssignmentDto,
  SaveReviewDto,
  Scores,
  ScoresQueryDto,
} from './review.contract.js';
import { ReviewAssignmentService } from './review-assignment.service.js';
import { ApplicationId, AssignmentId, LabId } from './review-params.js';
import { ReviewResultsService } from './review-results.service.js';
import { ReviewRubricService } from './review-rubric.service.js';
import { ReviewersService } from './reviewers.service.js';
import { ReviewsService } from './reviews.service.js';

/** What writing one's review can meet besides validation and access. */
const REVIEW_WRITE_REFUSALS = [
  'REVIEW_INVALID',
  'REVIEW_CONFLICT_OF_INTEREST',
  'REVIEW_APPLICATION_NOT_FOUND',
  'REVIEW_NOT_ASSIGNED',
  'REVIEW_RUBRIC_NOT_SET',
  'REVIEW_CLOSED',
  'REVIEW_ALREADY_SUBMITTED',
];

@ApiTags('review')
@Controller('labs/:labId/rubric')
export class RubricController {
  constructor(private readonly rubrics: ReviewRubricService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint({
    summary: "The lab's review rubric and review settings (reviewers)",
    response: RubricView,
    errors: ['REVIEW_RUBRIC_NOT_SET'],
  })
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.rubrics.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint({
    summary:
      'Set the rubric (organisers): criteria, weights, scales, comment prompt, blind phase; fixed criteria and scales once reviews are submitted',
    response: RubricView,
    errors: ['REVIEW_RUBRIC_INVALID', 'REVIEW_RUBRIC_LOCKED', 'REVIEW_RUBRIC_VERSION_CONFLICT'],
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutRubricDto,
  ) {
    return this.rubrics.put(actor, labId, body);
  }
}

@ApiTags('review')
@Controller('labs/:labId/reviewers/me')
export class ReviewersController {
  constructor(private readonly reviewers: ReviewersService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint({
    summary: 'My institution and declared conflicts of interest in this lab (reviewers)',
    response: MyReviewerProfile,
  })
  mine(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.reviewers.mine(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Put()
  @Endpoint({
    summary:
      'Set my institution and declare conflicts of interest (an applicant, or an institution); conflicting assignments without a submitted review are dropped',
    response: MyReviewerProfile,
    errors: ['CONFLICT_DECLARATION_INVALID'],
  })
  declare(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: DeclareConflictsDto,
  ) {
    return this.reviewers.declare(actor, labId, body);
  }
}

@ApiTags('review')
@Controller('labs/:labId/review-assignments')
export class ReviewAssignmentsController {
  constructor(private readonly assignments: ReviewAssignmentService) {}

  @LabRoles('organiser')
  @Post('run')
  @Endpoint({
    summary:
      'Assign k reviewers per submitted application (HiGHS): conflicts respected, loads balanced; started and submitted reviews and hand-made assignments are kept',
    description: 'Loads per reviewer, their spread, applications left short and why.',
    response: AssignmentRun,
    status: 200,
    errors: ['REVIEWER_NOT_IN_LAB', 'REVIEW_CLOSED', 'REVIEW_ASSIGNMENT_INPUTS_CHANGED'],
  })
  run(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: RunAssignmentDto,
  ) {
    return this.assignments.run(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @Endpoint({
    summary: 'Every assignment of the lab and the latest run (organisers)',
    response: Assignments,
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.assignments.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint({
    summary: 'Assign a reviewer by hand (organisers); a conflict of interest is refused',
    response: Assignment,
    errors: [
      'REVIEWER_NOT_IN_LAB',
      'REVIEW_APPLICATION_NOT_FOUND',
      'REVIEW_CLOSED',
      'ASSIGNMENT_CONFLICT_OF_INTEREST',
      'REVIEW_ASSIGNMENT_EXISTS',
    ],
  })
  add(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: AddAssignmentDto,
  ) {
    return this.assignments.add(actor, labId, body);
  }

  @LabRoles('organiser')
  @Delete(':assignmentId')
  @Endpoint({
    summary: 'Remove an assignment by hand (organisers); not one with a submitted review',
    response: null,
    errors: ['REVIEW_ASSIGNMENT_NOT_FOUND', 'REVIEW_ASSIGNMENT_HAS_REVIEW'],
  })
  remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('assignmentId', AssignmentId) assignmentId: string,
  ): Promise<void> {
    return this.assignments.remove(actor, labId, assignmentId);
  }
}

@ApiTags('review')
@Controller('labs/:labId/my-reviews')
export class MyReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint({
    summary: 'My review queue with progress (reviewers); names hidden in the blind phase',
    response: ReviewQueue,
  })
  queue(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.reviews.queue(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Get(':applicationId')
  @Endpoint({
    summary:
      'Open an application assigned to me: profile and answers (without identity in the blind phase), the rubric and my review',
    response: ApplicationToReview,
    errors: ['REVIEW_CONFLICT_OF_INTEREST', 'REVIEW_APPLICATION_NOT_FOUND', 'REVIEW_NOT_ASSIGNED'],
  })
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ) {
    return this.reviews.open(actor, labId, applicationId);
  }

  @LabRoles('organiser', 'mentor')
  @Put(':applicationId')
  @Endpoint({
    summary: 'Save my review as a draft: scores per criterion (may be incomplete) and a comment',
    response: MyReview,
    errors: REVIEW_WRITE_REFUSALS,
  })
  save(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
    @Body() body: SaveReviewDto,
  ) {
    return this.reviews.save(actor, labId, applicationId, body);
  }

  @LabRoles('organiser', 'mentor')
  @Post(':applicationId/submit')
  @Endpoint({
    summary:
      'Submit my review (optionally with final scores and comment); every problem is listed at once; final once submitted',
    response: MyReview,
    status: 200,
    errors: REVIEW_WRITE_REFUSALS,
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
    @Body() body: SaveReviewDto,
  ) {
    return this.reviews.submit(actor, labId, applicationId, body);
  }
}

@ApiTags('review')
@Controller('labs/:labId')
export class ReviewResultsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly results: ReviewResultsService,
  ) {}

  @LabRoles('organiser', 'mentor')
  @Get('applications/:applicationId/reviews')
  @Endpoint({
    summary:
      'The submitted reviews of an application: organisers always; a reviewer after submitting their own (anonymous in the blind phase)',
    response: ApplicationReviews,
    errors: [
      'REVIEWS_HIDDEN_UNTIL_SUBMITTED',
      'REVIEW_CONFLICT_OF_INTEREST',
      'REVIEW_APPLICATION_NOT_FOUND',
      'REVIEW_NOT_ASSIGNED',
    ],
  })
  ofApplication(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ) {
    return this.reviews.ofApplication(actor, labId, applicationId);
  }

  @LabRoles('organiser')
  @Get('review-progress')
  @Endpoint({
    summary: 'Reviews done per reviewer and per application (organisers)',
    response: ReviewProgressReport,
  })
  progress(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.results.progress(actor, labId);
  }

  @LabRoles('organiser')
  @Get('scores')
  @Endpoint({
    summary:
      'Per application: weighted rubric score, raw mean, per-reviewer normalised merit (z-scores), review count and spread (organisers)',
    response: Scores,
  })
  scores(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ScoresQueryDto,
  ) {
    return this.results.scores(actor, labId, query.sort, query.order);
  }
}
