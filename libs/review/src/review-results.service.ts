import { Injectable, type OnModuleInit } from '@nestjs/common';
import { aggregateScores, compareText, type Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { ApplicationMeritSources, SubmittedApplicationsService } from '@ideas-lab/applications';
import type {
  ApplicationScoreRow,
  ReviewProgressView,
  ScoresView,
  ScoreSort,
} from './review.contract.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { ReviewRubricService } from './review-rubric.service.js';
import { ReviewersService } from './reviewers.service.js';
import { progressOf } from './reviews.service.js';

/** What organisers follow: progress per reviewer and per application, and the aggregated scores. */
@Injectable()
export class ReviewResultsService implements OnModuleInit {
  constructor(
    private readonly merits: ApplicationMeritSources,
    private readonly assignments: ReviewAssignmentsRepository,
    private readonly rubrics: ReviewRubricService,
    private readonly reviewers: ReviewersService,
    private readonly submitted: SubmittedApplicationsService,
    private readonly access: LabAccessService,
  ) {}

  /** The organisers' applications table shows and sorts by the normalised score. */
  onModuleInit(): void {
    this.merits.register(async (labId) => {
      const { aggregation } = await this.aggregate(labId);
      return new Map(
        aggregation.applications.map((a) => [
          a.applicationId,
          { merit: a.merit, reviewCount: a.reviewCount },
        ]),
      );
    });
  }

  /** Every submitted review of the lab's live applications, aggregated by the rubric. */
  private async aggregate(labId: string) {
    const [rows, applications, rubric] = await Promise.all([
      this.assignments.findOfLab(labId),
      this.submitted.ofLab(labId),
      this.rubrics.findOfLab(labId),
    ]);
    const live = new Set(applications.map((a) => a.id));
    const reviews = rows.filter((r) => r.status === 'submitted' && live.has(r.applicationId));
    const aggregation = rubric
      ? aggregateScores({
          rubric,
          reviews: reviews.map((r) => ({
            applicationId: r.applicationId,
            reviewerId: r.reviewerId,
            scores: r.scores,
          })),
        })
      : { applications: [], reviewers: [] };
    return { aggregation, applications, rubric };
  }

  async progress(actor: Actor, labId: string): Promise<ReviewProgressView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const [rows, applications, staff] = await Promise.all([
      this.assignments.findOfLab(labId),
      this.submitted.ofLab(labId),
      this.reviewers.ofLab(labId),
    ]);
    const live = new Set(applications.map((a) => a.id));
    const current = rows.filter((r) => live.has(r.applicationId));
    const perReviewer = staff.map((r) => ({
      reviewerId: r.userId,
      name: r.displayName,
      roles: r.roles,
      ...progressOf(current.filter((a) => a.reviewerId === r.userId).map((a) => a.status)),
    }));
    const perApplication = applications.map((a) => ({
      applicationId: a.id,
      applicantName: a.profile.name ?? null,
      ...progressOf(current.filter((r) => r.applicationId === a.id).map((r) => r.status)),
    }));
    return {
      totals: {
        ...progressOf(current.map((r) => r.status)),
        applications: applications.length,
        applicationsFullyReviewed: perApplication.filter(
          (p) => p.assigned > 0 && p.submitted === p.assigned,
        ).length,
      },
      perReviewer,
      perApplication,
    };
  }

  /**
   * The applications with at least one submitted review: those that have a merit and so can
   * be selected (no access check; the calling feature decides who sees the figures).
   */
  async reviewedApplicationIds(labId: string): Promise<Set<string>> {
    return new Set(await this.assignments.findReviewedApplicationIdsOfLab(labId));
  }

  async scores(
    actor: Actor,
    labId: string,
    sort: ScoreSort = 'merit',
    order: 'asc' | 'desc' = 'desc',
  ): Promise<ScoresView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const [{ aggregation, applications, rubric }, staff] = await Promise.all([
      this.aggregate(labId),
      this.reviewers.ofLab(labId),
    ]);
    const scoreOf = new Map(aggregation.applications.map((s) => [s.applicationId, s]));
    const table = applications.map((a): ApplicationScoreRow => {
      const s = scoreOf.get(a.id);
      const p = a.profile;
      return {
        rank: 0,
        applicationId: a.id,
        applicantId: a.applicantId,
        applicantName: p.name ?? null,
        affiliation: p.affiliation ?? null,
        primaryDiscipline: p.primaryDiscipline ?? null,
        careerStage: p.careerStage ?? null,
        organisationType: p.organisationType ?? null,
        country: p.country ?? null,
        reviewCount: s?.reviewCount ?? 0,
        weightedScore: s?.weightedScore ?? null,
        rawMean: s?.rawMean ?? null,
        merit: s?.merit ?? null,
        spread: s?.spread ?? null,
      };
    });
    const sign = order === 'asc' ? 1 : -1;
    const key = (row: ApplicationScoreRow): number | string | null =>
      sort === 'name' ? (row.applicantName ?? '') : row[sort];
    table.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      // Applications without reviews go last whatever the order.
      if (x === null || y === null)
        return x === y ? compareText(a.applicationId, b.applicationId) : x === null ? 1 : -1;
      const c = typeof x === 'string' ? compareText(x, y as string) : x - (y as number);
      return sign * c || compareText(a.applicationId, b.applicationId);
    });
    table.forEach((row, i) => (row.rank = i + 1));
    const names = new Map(staff.map((r) => [r.userId, r.displayName]));
    return {
      rubricVersion: rubric?.version ?? null,
      sort,
      order,
      applications: table,
      reviewers: aggregation.reviewers.map((r) => ({ ...r, name: names.get(r.reviewerId) ?? '' })),
    };
  }
}
