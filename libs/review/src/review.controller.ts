import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  AddAssignmentDto,
  DeclareConflictsDto,
  PutRubricDto,
  RunAssignmentDto,
  SaveReviewDto,
  ScoresQueryDto,
  myReviewsOps,
  reviewClosureOps,
  reviewAssignmentsOps,
  reviewResultsOps,
  reviewersOps,
  rubricOps,
} from './review.contract.js';
import { ReviewAssignmentService } from './review-assignment.service.js';
import { ApplicationId, AssignmentId, LabId } from './review-params.js';
import { ReviewResultsService } from './review-results.service.js';
import { ReviewRubricService } from './review-rubric.service.js';
import { ReviewersService } from './reviewers.service.js';
import { ReviewsService } from './reviews.service.js';

@Controller('labs/:labId/rubric')
export class RubricController {
  constructor(private readonly rubrics: ReviewRubricService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint(rubricOps.get)
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.rubrics.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint(rubricOps.put)
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutRubricDto,
  ) {
    return this.rubrics.put(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('close')
  @Endpoint(reviewClosureOps.close)
  close(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.rubrics.close(actor, labId);
  }
}

@Controller('labs/:labId/reviewers/me')
export class ReviewersController {
  constructor(private readonly reviewers: ReviewersService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint(reviewersOps.mine)
  mine(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.reviewers.mine(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Put()
  @Endpoint(reviewersOps.declare)
  declare(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: DeclareConflictsDto,
  ) {
    return this.reviewers.declare(actor, labId, body);
  }
}

@Controller('labs/:labId/review-assignments')
export class ReviewAssignmentsController {
  constructor(private readonly assignments: ReviewAssignmentService) {}

  @LabRoles('organiser')
  @Post('run')
  @Endpoint(reviewAssignmentsOps.run)
  run(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: RunAssignmentDto,
  ) {
    return this.assignments.run(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get()
  @Endpoint(reviewAssignmentsOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.assignments.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint(reviewAssignmentsOps.add)
  add(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: AddAssignmentDto,
  ) {
    return this.assignments.add(actor, labId, body);
  }

  @LabRoles('organiser')
  @Delete(':assignmentId')
  @Endpoint(reviewAssignmentsOps.remove)
  remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('assignmentId', AssignmentId) assignmentId: string,
  ): Promise<void> {
    return this.assignments.remove(actor, labId, assignmentId);
  }
}

@Controller('labs/:labId/my-reviews')
export class MyReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @LabRoles('organiser', 'mentor')
  @Get()
  @Endpoint(myReviewsOps.queue)
  queue(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.reviews.queue(actor, labId);
  }

  @LabRoles('organiser', 'mentor')
  @Get(':applicationId')
  @Endpoint(myReviewsOps.open)
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ) {
    return this.reviews.open(actor, labId, applicationId);
  }

  @LabRoles('organiser', 'mentor')
  @Put(':applicationId')
  @Endpoint(myReviewsOps.save)
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
  @Endpoint(myReviewsOps.submit)
  submit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
    @Body() body: SaveReviewDto,
  ) {
    return this.reviews.submit(actor, labId, applicationId, body);
  }
}

@Controller('labs/:labId')
export class ReviewResultsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly results: ReviewResultsService,
  ) {}

  @LabRoles('organiser', 'mentor')
  @Get('applications/:applicationId/reviews')
  @Endpoint(reviewResultsOps.ofApplication)
  ofApplication(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('applicationId', ApplicationId) applicationId: string,
  ) {
    return this.reviews.ofApplication(actor, labId, applicationId);
  }

  @LabRoles('organiser')
  @Get('review-progress')
  @Endpoint(reviewResultsOps.progress)
  progress(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.results.progress(actor, labId);
  }

  @LabRoles('organiser')
  @Get('scores')
  @Endpoint(reviewResultsOps.scores)
  scores(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: ScoresQueryDto,
  ) {
    return this.results.scores(actor, labId, query.sort, query.order);
  }
}
