import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { AddAssignmentDto, RunAssignmentDto } from './dto/assignment.dto.js';
import { SaveReviewDto, ScoresQueryDto } from './dto/review.dto.js';
import { DeclareConflictsDto } from './dto/reviewer.dto.js';
import { PutRubricDto, RubricViewDto } from './dto/rubric.dto.js';
import {
  ReviewAssignmentService,
  type AssignmentRunView,
  type AssignmentView,
  type AssignmentsView,
} from './review-assignment.service.js';
import { ApplicationId, AssignmentId, LabId } from './review-params.js';
import {
  ReviewResultsService,
  type ReviewProgressView,
  type ScoresView,
} from './review-results.service.js';
import { ReviewRubricService, type RubricView } from './review-rubric.service.js';
import { ReviewersService, type MyReviewerProfile } from './reviewers.service.js';
import {
  ReviewsService,
  type ApplicationReviews,
  type ApplicationToReview,
  type MyReview,
  type ReviewQueue,
} from './reviews.service.js';

const COMMON = [
  400,
  'VALIDATION_FAILED',
  401,
  'UNAUTHENTICATED',
  403,
  'LAB_ROLE_REQUIRED',
] as const;

@ApiTags('review')
@ApiBearerAuth()
@Controller('labs/:labId/rubric')
export class RubricController {
  constructor(private readonly rubrics: ReviewRubricService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @ApiOperation({ summary: "The lab's review rubric and review settings (reviewers)" })
  @ApiResponse({ status: 200, type: RubricViewDto })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND | REVIEW_RUBRIC_NOT_SET')
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<RubricView> {
    return this.rubrics.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @ApiOperation({
    summary:
      'Set the rubric (organisers): criteria, weights, scales, comment prompt, blind phase; fixed criteria and scales once reviews are submitted',
  })
  @ApiResponse({ status: 200, type: RubricViewDto })
  @ApiErrors(
    ...COMMON,
    400,
    'REVIEW_RUBRIC_INVALID',
    404,
    'LAB_NOT_FOUND',
    409,
    'REVIEW_RUBRIC_LOCKED | REVIEW_RUBRIC_VERSION_CONFLICT',
  )
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutRubricDto,
  ): Promise<RubricView> {
    return this.rubrics.put(actor, labId, body);
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('labs/:labId/reviewers/me')
export class ReviewersController {
  constructor(private readonly reviewers: ReviewersService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @ApiOperation({
    summary: 'My institution and declared conflicts of interest in this lab (reviewers)',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ labId, institution, conflicts: [{ applicantId, applicantEmail } | { institution }], removedAssignments }',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  mine(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<MyReviewerProfile> {
    return this.reviewers.mine(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Put()
  @ApiOperation({
    summary:
      'Set my institution and declare conflicts of interest (an applicant, or an institution); conflicting assignments without a submitted review are dropped',
  })
  @ApiResponse({
    status: 200,
    description: 'My reviewer profile, with how many assignments were dropped.',
  })
  @ApiErrors(...COMMON, 400, 'CONFLICT_DECLARATION_INVALID', 404, 'LAB_NOT_FOUND')
  declare(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: DeclareConflictsDto,
  ): Promise<MyReviewerProfile> {
    return this.reviewers.declare(actor, labId, body);
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('labs/:labId/review-assignments')
export class ReviewAssignmentsController {
  constructor(private readonly assignments: ReviewAssignmentService) {}

  @LabRoles('organiser')
  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Assign k reviewers per submitted application (HiGHS): conflicts respected, loads balanced; started and submitted reviews and hand-made assignments are kept',
  })
  @ApiResponse({
    status: 200,
    description: 'Loads per reviewer, their spread, applications left short and why.',
  })
  @ApiErrors(...COMMON, 400, 'REVIEWER_NOT_IN_LAB', 404, 'LAB_NOT_FOUND', 409, 'REVIEW_CLOSED')
  run(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: RunAssignmentDto,
  ): Promise<AssignmentRunView> {
    return this.assignments.run(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @ApiOperation({ summary: 'Every assignment of the lab and the latest run (organisers)' })
  @ApiResponse({ status: 200, description: '{ assignments, latestRun }' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<AssignmentsView> {
    return this.assignments.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @ApiOperation({
    summary: 'Assign a reviewer by hand (organisers); a conflict of interest is refused',
  })
  @ApiResponse({ status: 201, description: 'The new assignment.' })
  @ApiErrors(
    ...COMMON,
    400,
    'REVIEWER_NOT_IN_LAB',
    404,
    'LAB_NOT_FOUND | REVIEW_APPLICATION_NOT_FOUND',
    409,
    'REVIEW_CLOSED | ASSIGNMENT_CONFLICT_OF_INTEREST | REVIEW_ASSIGNMENT_EXISTS',
  )
  add(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: AddAssignmentDto,
  ): Promise<AssignmentView> {
    return this.assignments.add(actor, labId, body);
  }

  @LabRoles('organiser')
  @Delete(':assignmentId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an assignment by hand (organisers); not one with a submitted review',
  })
  @ApiResponse({ status: 204 })
  @ApiErrors(
    ...COMMON,
    404,
    'LAB_NOT_FOUND | REVIEW_ASSIGNMENT_NOT_FOUND',
    409,
    'REVIEW_ASSIGNMENT_HAS_REVIEW',
  )
  remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('assignmentId', AssignmentId) assignmentId: string,
  ): Promise<void> {
    return this.assignments.remove(actor, labId, assignmentId);
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('labs/:labId/my-reviews')
export class MyReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @ApiOperation({
    summary: 'My review queue with progress (reviewers); names hidden in the blind phase',
  })
  @ApiResponse({
    status: 200,
    description: '{ labId, blind, progress: { assigned, submitted, draft, notStarted }, items }',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  queue(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<ReviewQueue> {
    return this.reviews.queue(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Get(':applicationId')
  @ApiOperation({
    summary:
      'Open an application assigned to me: profile and answers (without identity in the blind phase), the rubric and my review',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ applicationId, blind, profile, answers, questions, rubric, review, othersVisible }',
  })
  @ApiErrors(
    ...COMMON,
    403,
    'REVIEW_CONFLICT_OF_INTEREST',
    404,
    'LAB_NOT_FOUND | REVIEW_APPLICATION_NOT_FOUND | REVIEW_NOT_ASSIGNED',
  )
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ): Promise<ApplicationToReview> {
    return this.reviews.open(actor, labId, applicationId);
  }

  @LabRoles('organiser', 'mentor')
  @Put(':applicationId')
  @ApiOperation({
    summary: 'Save my review as a draft: scores per criterion (may be incomplete) and a comment',
  })
  @ApiResponse({ status: 200, description: 'My review.' })
  @ApiErrors(
    ...COMMON,
    400,
    'REVIEW_INVALID',
    403,
    'REVIEW_CONFLICT_OF_INTEREST',
    404,
    'LAB_NOT_FOUND | REVIEW_APPLICATION_NOT_FOUND | REVIEW_NOT_ASSIGNED | REVIEW_RUBRIC_NOT_SET',
    409,
    'REVIEW_CLOSED | REVIEW_ALREADY_SUBMITTED',
  )
  save(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
    @Body() body: SaveReviewDto,
  ): Promise<MyReview> {
    return this.reviews.save(actor, labId, applicationId, body);
  }

  @LabRoles('organiser', 'mentor')
  @Post(':applicationId/submit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit my review (optionally with final scores and comment); every problem is listed at once; final once submitted',
  })
  @ApiResponse({ status: 200, description: 'My review, submitted.' })
  @ApiErrors(
    ...COMMON,
    400,
    'REVIEW_INVALID',
    403,
    'REVIEW_CONFLICT_OF_INTEREST',
    404,
    'LAB_NOT_FOUND | REVIEW_APPLICATION_NOT_FOUND | REVIEW_NOT_ASSIGNED | REVIEW_RUBRIC_NOT_SET',
    409,
    'REVIEW_CLOSED | REVIEW_ALREADY_SUBMITTED',
  )
  submit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
    @Body() body: SaveReviewDto,
  ): Promise<MyReview> {
    return this.reviews.submit(actor, labId, applicationId, body);
  }
}

@ApiTags('review')
@ApiBearerAuth()
@Controller('labs/:labId')
export class ReviewResultsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly results: ReviewResultsService,
  ) {}

  @LabRoles('organiser', 'mentor')
  @Get('applications/:applicationId/reviews')
  @ApiOperation({
    summary:
      'The submitted reviews of an application: organisers always; a reviewer after submitting their own (anonymous in the blind phase)',
  })
  @ApiResponse({ status: 200, description: '{ applicationId, blind, reviews }' })
  @ApiErrors(
    ...COMMON,
    403,
    'REVIEWS_HIDDEN_UNTIL_SUBMITTED | REVIEW_CONFLICT_OF_INTEREST',
    404,
    'LAB_NOT_FOUND | REVIEW_APPLICATION_NOT_FOUND | REVIEW_NOT_ASSIGNED',
  )
  ofApplication(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ): Promise<ApplicationReviews> {
    return this.reviews.ofApplication(actor, labId, applicationId);
  }

  @LabRoles('organiser')
  @Get('review-progress')
  @ApiOperation({ summary: 'Reviews done per reviewer and per application (organisers)' })
  @ApiResponse({ status: 200, description: '{ totals, perReviewer, perApplication }' })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  progress(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
  ): Promise<ReviewProgressView> {
    return this.results.progress(actor, labId);
  }

  @LabRoles('organiser')
  @Get('scores')
  @ApiOperation({
    summary:
      'Per application: weighted rubric score, raw mean, per-reviewer normalised merit (z-scores), review count and spread (organisers)',
  })
  @ApiResponse({
    status: 200,
    description: '{ rubricVersion, sort, order, applications, reviewers }',
  })
  @ApiErrors(...COMMON, 404, 'LAB_NOT_FOUND')
  scores(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ScoresQueryDto,
  ): Promise<ScoresView> {
    return this.results.scores(actor, labId, query.sort, query.order);
  }
}
