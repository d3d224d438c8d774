import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import {
  aggregateScores,
  formatInTimezone,
  blindAnswers,
  blindApplicantProfile,
  CONFLICT_REASON_LABELS,
  reviewProblems,
  type Actor,
  type ConflictReason,
  type FormQuestion,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { SubmittedApplicationsService, type SubmittedApplication } from '@ideas-lab/applications';
import type {
  ApplicationReviews,
  ApplicationToReview,
  MyReview,
  QueueItem,
  ReviewOfOthers,
  ReviewProgress,
  ReviewQueue,
  SaveReview,
} from './review.contract.js';
import type { ReviewAssignmentEntity, ReviewStatus } from './entities/review-assignment.entity.js';
import type { ReviewRubricEntity } from './entities/review-rubric.entity.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { assertReviewOpen } from './review-phase.js';
import { ReviewRubricService } from './review-rubric.service.js';
import { ReviewError } from './review.errors.js';
import { ReviewersService } from './reviewers.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The organisers closed review: said with when, in the lab's time. */
function reviewClosedByOrganisers(closedAt: Date, timezone: string): ReviewError {
  return new ReviewError(
    'REVIEW_CLOSED',
    `The organisers closed review on ${formatInTimezone(closedAt, timezone)}: reviews can no longer be written or revised.`,
    { closedAt: closedAt.toISOString(), timezone },
  );
}

export function progressOf(statuses: readonly ReviewStatus[]): ReviewProgress {
  const count = (s: ReviewStatus) => statuses.filter((x) => x === s).length;
  return {
    assigned: statuses.length,
    submitted: count('submitted'),
    draft: count('draft'),
    notStarted: count('assigned'),
  };
}

/** The reviewer's side: a queue, opening an assigned application, drafting and submitting a review, and others' reviews. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly assignments: ReviewAssignmentsRepository,
    private readonly rubrics: ReviewRubricService,
    private readonly reviewers: ReviewersService,
    private readonly submitted: SubmittedApplicationsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async queue(actor: Actor, labId: string): Promise<ReviewQueue> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const [rows, applications, rubric, facts] = await Promise.all([
      this.assignments.findOfReviewer(labId, actor.userId),
      this.submitted.ofLab(labId),
      this.rubrics.findOfLab(labId),
      this.reviewers.conflictFacts(labId),
    ]);
    const blind = rubric?.blind ?? false;
    const byId = new Map(applications.map((a) => [a.id, a]));
    const items: QueueItem[] = [];
    for (const row of rows) {
      const application = byId.get(row.applicationId);
      if (!application) continue; // withdrawn since it was assigned
      const p = application.profile;
      items.push({
        applicationId: row.applicationId,
        applicantName: blind ? null : (p.name ?? null),
        primaryDiscipline: p.primaryDiscipline ?? null,
        careerStage: p.careerStage ?? null,
        organisationType: p.organisationType ?? null,
        status: row.status,
        conflict:
          row.status === 'submitted'
            ? null
            : this.reviewers.conflictOf(facts, actor.userId, application),
        submittedAt: iso(row.submittedAt),
      });
    }
    // What is left to do first, then by discipline.
    const order: Record<ReviewStatus, number> = { draft: 0, assigned: 1, submitted: 2 };
    items.sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        (a.primaryDiscipline ?? '').localeCompare(b.primaryDiscipline ?? '') ||
        a.applicationId.localeCompare(b.applicationId),
    );
    return { labId, blind, progress: progressOf(items.map((i) => i.status)), items };
  }

  async open(actor: Actor, labId: string, applicationId: string): Promise<ApplicationToReview> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const { application, assignment } = await this.assigned(actor, labId, applicationId);
    const rubric = await this.rubrics.findOfLab(labId);
    const blind = rubric?.blind ?? false;
    return {
      applicationId,
      blind,
      profile: blind ? blindApplicantProfile(application.profile) : application.profile,
      answers: blind
        ? blindAnswers(application.questions, application.answers)
        : application.answers,
      questions: blind
        ? application.questions.filter((q) => q.type !== 'url')
        : application.questions,
      rubric: rubric ? await this.rubrics.get(actor, labId) : null,
      review: this.myReview(assignment),
      othersVisible: assignment.status === 'submitted',
    };
  }

  /** Save my draft: scores may be incomplete, but each given one must be on its scale. */
  async save(
    actor: Actor,
    labId: string,
    applicationId: string,
    dto: SaveReview,
  ): Promise<MyReview> {
    return this.write(actor, labId, applicationId, dto, false);
  }

  /** Submit my review: every criterion scored; every problem is listed at once. Final once submitted. */
  async submit(
    actor: Actor,
    labId: string,
    applicationId: string,
    dto: SaveReview,
  ): Promise<MyReview> {
    return this.write(actor, labId, applicationId, dto, true);
  }

  /**
   * The submitted reviews of an application. Organisers see them all, with names. A reviewer
   * sees them only after submitting their own, and in the blind phase without who wrote them.
   */
  async ofApplication(
    actor: Actor,
    labId: string,
    applicationId: string,
  ): Promise<ApplicationReviews> {
    const roles = await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const organiser = actor.isAdmin || roles.includes('organiser');
    const rubric = await this.rubrics.findOfLab(labId);
    const blind = rubric?.blind ?? false;
    let application: SubmittedApplication | null = null;
    if (!organiser) {
      const { assignment } = await this.assigned(actor, labId, applicationId);
      if (assignment.status !== 'submitted') {
        throw new ReviewError(
          'REVIEWS_HIDDEN_UNTIL_SUBMITTED',
          "Others' reviews of this application open to you once you have submitted your own.",
        );
      }
    } else {
      application = await this.submitted.withQuestions(labId, applicationId);
      if (!application) throw ReviewError.applicationNotFound();
      // An organiser who applied to their own lab does not read the reviews of their application.
      if (application.applicantId === actor.userId) {
        throw new ReviewError(
          'REVIEW_CONFLICT_OF_INTEREST',
          `You cannot read the reviews of this application: ${CONFLICT_REASON_LABELS['own-application']}.`,
          { reason: 'own-application' },
        );
      }
    }
    const rows = await this.assignments.findSubmittedOfApplication(applicationId);
    const staff = await this.reviewers.ofLab(labId);
    const names = new Map(staff.map((r) => [r.userId, r.displayName]));
    // Organisers see who is in conflict with the applicant, including a reviewer whose
    // conflict was declared after their review was submitted (the review stays, flagged).
    const conflictOf = new Map<string, ConflictReason>();
    if (application) {
      const facts = await this.reviewers.conflictFacts(labId);
      for (const r of staff) {
        const reason = this.reviewers.conflictOf(facts, r.userId, application);
        if (reason) conflictOf.set(r.userId, reason);
      }
    }
    const weighted = rubric ? this.weightedScores(rubric, rows) : new Map<string, number>();
    const earlier = organiser
      ? await this.earlierRevisions(rubric, rows)
      : new Map<string, ReviewOfOthers['earlierRevisions']>();
    const hide = blind && !organiser;
    return {
      applicationId,
      blind,
      // Numbered over every submitted review, the reader's own included, in the order of first
      // submission: each reviewer has one label that every reader sees and a revision keeps.
      reviews: rows.map((a, i) => {
        const mine = a.reviewerId === actor.userId;
        return {
          reviewerId: hide && !mine ? null : a.reviewerId,
          reviewerName: mine
            ? (names.get(a.reviewerId) ?? 'You')
            : hide
              ? `Reviewer ${i + 1}`
              : (names.get(a.reviewerId) ?? 'A former reviewer'),
          mine,
          scores: a.scores,
          comment: a.comment,
          weightedScore: weighted.get(a.reviewerId) ?? 0,
          submittedAt: (a.submittedAt as Date).toISOString(),
          revision: a.revision,
          earlierRevisions: earlier.get(a.id) ?? [],
          conflict: conflictOf.get(a.reviewerId) ?? null,
        };
      }),
      conflicts: [...conflictOf].map(([reviewerId, reason]) => ({
        reviewerId,
        reviewerName: names.get(reviewerId) ?? 'A former reviewer',
        reason,
      })),
    };
  }

  /** Per review, its submissions before the current one, as they were (organisers read them). */
  private async earlierRevisions(
    rubric: ReviewRubricEntity | null,
    rows: ReviewAssignmentEntity[],
  ): Promise<Map<string, ReviewOfOthers['earlierRevisions']>> {
    const current = new Map(rows.map((a) => [a.id, a]));
    const byReview = new Map<string, ReviewOfOthers['earlierRevisions']>();
    const revisions = await this.assignments.findRevisionsOfAssignments([...current.keys()]);
    for (const r of revisions) {
      const review = current.get(r.assignmentId);
      if (!review || r.revision >= review.revision) continue;
      const list = byReview.get(r.assignmentId) ?? [];
      list.push({
        revision: r.revision,
        scores: r.scores,
        comment: r.comment,
        weightedScore: rubric
          ? (this.weightedScores(rubric, [{ ...review, scores: r.scores }]).get(
              review.reviewerId,
            ) ?? 0)
          : 0,
        submittedAt: r.submittedAt.toISOString(),
      });
      byReview.set(r.assignmentId, list);
    }
    return byReview;
  }

  private weightedScores(
    rubric: ReviewRubricEntity,
    rows: ReviewAssignmentEntity[],
  ): Map<string, number> {
    const { applications } = aggregateScores({
      rubric,
      reviews: rows.map((a) => ({
        applicationId: a.applicationId,
        reviewerId: a.reviewerId,
        scores: a.scores,
      })),
    });
    return new Map((applications[0]?.reviews ?? []).map((r) => [r.reviewerId, r.weightedScore]));
  }

  private async write(
    actor: Actor,
    labId: string,
    applicationId: string,
    dto: SaveReview,
    complete: boolean,
  ): Promise<MyReview> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const lab = await this.labs.get(actor, labId);
    assertReviewOpen(lab.phase);
    return this.tx.run(async () => {
      await this.assignments.lockLabShared(labId);
      const { assignment } = await this.assigned(actor, labId, applicationId, true);
      const rubric = await this.rubrics.findOfLab(labId);
      if (!rubric) throw ReviewError.rubricNotSet();
      if (rubric.closedAt) throw reviewClosedByOrganisers(rubric.closedAt, lab.timezone);
      // A submitted review counts as it stands: it changes only by a new submission (a
      // revision, kept with the others), never by a draft.
      if (assignment.status === 'submitted' && !complete)
        throw new ReviewError(
          'REVIEW_ALREADY_SUBMITTED',
          'You have submitted this review: revise it by submitting it again (each submission is kept).',
        );
      const scores =
        dto.scores === undefined
          ? { ...assignment.scores }
          : (Object.fromEntries(Object.entries(dto.scores).filter(([, v]) => v !== null)) as Record<
              string,
              unknown
            >);
      const comment = dto.comment ?? assignment.comment;
      const problems = reviewProblems({ criteria: rubric.criteria, scores, comment, complete });
      if (problems.length > 0) {
        throw new ReviewError(
          'REVIEW_INVALID',
          `${complete ? 'The review cannot be submitted yet' : 'The review cannot be saved'}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} to fix (${problems.map((p) => p.field).join(', ')}).`,
          problems,
        );
      }
      const now = new Date();
      const revision = complete ? assignment.revision + 1 : assignment.revision;
      const changes = {
        status: complete ? ('submitted' as const) : ('draft' as const),
        scores: scores as Record<string, number>,
        comment,
        rubricVersion: rubric.version,
        submittedAt: complete ? now : null,
        revision,
      };
      await this.assignments.update(assignment.id, changes);
      if (complete)
        await this.assignments.insertRevision({
          assignmentId: assignment.id,
          revision,
          scores: changes.scores,
          comment,
          rubricVersion: rubric.version,
          submittedAt: now,
        });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: !complete
          ? 'review.draft_saved'
          : revision > 1
            ? 'review.revised'
            : 'review.submitted',
        entityType: 'review_assignment',
        entityId: assignment.id,
        data: {
          applicationId,
          rubricVersion: rubric.version,
          ...(complete ? { revision, scores } : { scored: Object.keys(scores) }),
        },
      });
      return this.myReview({ ...assignment, ...changes, updatedAt: now });
    });
  }

  /** My assignment to a submitted application of the lab; a conflict of interest closes it. */
  private async assigned(
    actor: Actor,
    labId: string,
    applicationId: string,
    forUpdate = false,
  ): Promise<{
    application: SubmittedApplication & { questions: FormQuestion[] };
    assignment: ReviewAssignmentEntity;
  }> {
    const application = await this.submitted.withQuestions(labId, applicationId);
    if (!application) throw ReviewError.applicationNotFound();
    const facts = await this.reviewers.conflictFacts(labId);
    const assignment = forUpdate
      ? await this.assignments.findOneForUpdate(applicationId, actor.userId)
      : await this.assignments.findOne(applicationId, actor.userId);
    const conflict = this.reviewers.conflictOf(facts, actor.userId, application);
    // A review submitted before a conflict was declared stays readable to its author; one of
    // their own application never is (nor the others' reviews of it).
    if (
      conflict &&
      (conflict === 'own-application' || !(assignment?.status === 'submitted' && !forUpdate))
    ) {
      throw new ReviewError(
        'REVIEW_CONFLICT_OF_INTEREST',
        `You cannot review this application: ${CONFLICT_REASON_LABELS[conflict]}.`,
        { reason: conflict },
      );
    }
    if (!assignment) throw ReviewError.notAssigned();
    return { application, assignment };
  }

  private myReview(
    a: Pick<
      ReviewAssignmentEntity,
      'status' | 'scores' | 'comment' | 'rubricVersion' | 'submittedAt' | 'updatedAt' | 'revision'
    >,
  ): MyReview {
    return {
      status: a.status,
      scores: a.scores,
      comment: a.comment,
      rubricVersion: a.rubricVersion,
      submittedAt: iso(a.submittedAt),
      updatedAt: a.updatedAt.toISOString(),
      revision: a.revision,
    };
  }
}
