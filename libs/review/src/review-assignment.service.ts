import { Injectable } from '@nestjs/common';
import {
  AuditService,
  inputsFingerprint,
  SolverPool,
  TransactionRunner,
} from '@ideas-lab/platform';
import {
  type Actor,
  type ConflictReason,
  type ReviewConflict,
  type ReviewerAssignment,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import type {
  AddAssignment,
  AssignmentRunView,
  AssignmentView,
  AssignmentsView,
  RunAssignment,
} from './review.contract.js';
import type { ReviewAssignmentEntity } from './entities/review-assignment.entity.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { assertReviewOpen } from './review-phase.js';
import { ReviewError } from './review.errors.js';
import { ReviewersService, type LabReviewer } from './reviewers.service.js';

const ORGANISER_CONFLICT_LABELS: Record<ConflictReason, string> = {
  'own-application': 'it is their own application',
  'declared-person': 'they declared a conflict with this applicant',
  'declared-institution': "they declared a conflict with the applicant's institution",
  'same-institution': "they work at the applicant's institution",
};

/** A solve whose inputs moved before its result was written is solved again, this often in all. */
const MAX_SOLVE_ATTEMPTS = 3;

/** Reviewers assigned to applications: automatically (HiGHS) with conflicts respected, and by hand. */
@Injectable()
export class ReviewAssignmentService {
  constructor(
    private readonly assignments: ReviewAssignmentsRepository,
    private readonly reviewers: ReviewersService,
    private readonly submitted: SubmittedApplicationsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
  ) {}

  /**
   * Assign k reviewers to every submitted application. Started and submitted reviews and
   * hand-made assignments are kept; unstarted automatic ones are replaced by the new solution.
   *
   * The solve runs in the solver pool with no lock held (hand-made assignments and reviews go
   * on meanwhile); the result is written under the lab's lock only if the inputs read again
   * there are the ones solved. If they moved, it solves again (up to three times in all),
   * then refuses with 409 REVIEW_ASSIGNMENT_INPUTS_CHANGED.
   */
  async run(actor: Actor, labId: string, dto: RunAssignment): Promise<AssignmentRunView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    assertReviewOpen((await this.labs.get(actor, labId)).phase);
    for (let attempt = 1; ; attempt++) {
      const read = await this.assignmentInputs(labId, dto);
      const solved = inputsFingerprint(read.inputs);
      const result = await this.solvers.run('assignReviewers', read.inputs);
      const view = await this.tx.run(async () => {
        await this.assignments.lockLab(labId);
        assertReviewOpen((await this.labs.get(actor, labId)).phase);
        const now = await this.assignmentInputs(labId, dto);
        if (inputsFingerprint(now.inputs) !== solved) return null;
        return this.writeRun(actor, labId, dto, now, result);
      });
      if (view) return view;
      if (attempt === MAX_SOLVE_ATTEMPTS)
        throw new ReviewError(
          'REVIEW_ASSIGNMENT_INPUTS_CHANGED',
          'Applications, reviewers or assignments kept changing while the assignment was solved; run it again.',
          { attempts: attempt },
        );
    }
  }

  /** What the assignment solver is given, read one query at a time (they may share a connection). */
  private async assignmentInputs(labId: string, dto: RunAssignment) {
    const applications = await this.submitted.ofLab(labId);
    const staff = await this.reviewers.ofLab(labId);
    const facts = await this.reviewers.conflictFacts(labId);
    const existing = await this.assignments.findOfLab(labId);
    const reviewers = this.chosenReviewers(staff, dto.reviewerIds);
    const applicationOfApplicant = new Map(applications.map((a) => [a.applicantId, a.id]));
    const conflicts: ReviewConflict[] = [];
    for (const [reviewerId, declared] of facts.declaredBy) {
      for (const d of declared) {
        if ('institution' in d) conflicts.push({ reviewerId, institution: d.institution });
        else if (applicationOfApplicant.has(d.applicantId))
          conflicts.push({
            reviewerId,
            applicationId: applicationOfApplicant.get(d.applicantId) as string,
          });
      }
    }
    const fixed = existing
      .filter((a) => a.status !== 'assigned' || a.source === 'manual')
      .map((a) => ({ reviewerId: a.reviewerId, applicationId: a.applicationId }));
    const inputs = {
      applications: applications.map((a) => ({
        id: a.id,
        applicantId: a.applicantId,
        ...(a.profile.affiliation ? { institution: a.profile.affiliation } : {}),
      })),
      reviewers: reviewers.map((r) => ({
        id: r.userId,
        ...(facts.institutionOf.get(r.userId)
          ? { institution: facts.institutionOf.get(r.userId) }
          : {}),
      })),
      reviewsPerApplication: dto.reviewsPerApplication,
      load: {
        ...(dto.load?.min !== undefined ? { min: dto.load.min } : {}),
        ...(dto.load?.max !== undefined ? { max: dto.load.max } : {}),
      },
      conflicts,
      fixed,
    };
    return { inputs, applications, staff, reviewers };
  }

  /** Replace the unstarted automatic assignments with the solution, store the run, audit it. */
  private async writeRun(
    actor: Actor,
    labId: string,
    dto: RunAssignment,
    read: Awaited<ReturnType<ReviewAssignmentService['assignmentInputs']>>,
    result: ReviewerAssignment,
  ): Promise<AssignmentRunView> {
    const { inputs, applications, staff, reviewers } = read;
    await this.assignments.deleteUnstartedAutomatic(labId);
    const added = await this.assignments.insertMany(
      labId,
      result.assignments.filter((a) => !a.fixed),
      'auto',
      actor.userId,
    );
    const kept = result.assignments.filter((a) => a.fixed).length;
    const summary = {
      complete: result.complete,
      optimal: result.optimal,
      solverStatus: result.solverStatus,
      loads: result.loads,
      loadSpread: result.loadSpread,
      unfilled: result.unfilled,
      problems: result.problems,
      warnings: result.warnings,
      kept,
      added,
    };
    const run = await this.assignments.insertRun({
      labId,
      inputs: { ...inputs },
      result: summary,
      createdBy: actor.userId,
    });
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'review.assignment_run',
      entityType: 'review_assignment_run',
      entityId: run.id,
      data: {
        reviewsPerApplication: dto.reviewsPerApplication,
        load: inputs.load,
        applications: applications.length,
        reviewers: reviewers.length,
        kept,
        added,
        complete: result.complete,
        loadSpread: result.loadSpread,
      },
    });
    return this.runView(
      run.id,
      run.createdAt,
      dto.reviewsPerApplication,
      applications.length,
      result,
      kept,
      added,
      staff,
      applications,
    );
  }

  async list(actor: Actor, labId: string): Promise<AssignmentsView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const [rows, staff, applications, latest] = await Promise.all([
      this.assignments.findOfLab(labId),
      this.reviewers.ofLab(labId),
      this.submitted.ofLab(labId),
      this.assignments.findLatestRunOfLab(labId),
    ]);
    const nameOf = new Map(applications.map((a) => [a.id, a.profile.name ?? null]));
    const reviewerName = new Map(staff.map((r) => [r.userId, r.displayName]));
    let latestRun: AssignmentsView['latestRun'] = null;
    if (latest) {
      const r = latest.result as unknown as ReviewerAssignment & { kept: number; added: number };
      const k = (latest.inputs as { reviewsPerApplication: number }).reviewsPerApplication;
      latestRun = this.runView(
        latest.id,
        latest.createdAt,
        k,
        (latest.inputs as { applications: unknown[] }).applications.length,
        r,
        r.kept,
        r.added,
        staff,
        applications,
      );
    }
    return {
      assignments: rows
        .filter((a) => nameOf.has(a.applicationId))
        .map((a) => ({
          id: a.id,
          applicationId: a.applicationId,
          applicantName: nameOf.get(a.applicationId) ?? null,
          reviewerId: a.reviewerId,
          reviewerName: reviewerName.get(a.reviewerId) ?? '',
          source: a.source,
          status: a.status,
        })),
      latestRun,
    };
  }

  /** An organiser assigns one reviewer by hand; a conflict of interest is refused. */
  async add(actor: Actor, labId: string, dto: AddAssignment): Promise<AssignmentView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    assertReviewOpen((await this.labs.get(actor, labId)).phase);
    return this.tx.run(async () => {
      await this.assignments.lockLab(labId);
      // One query at a time: inside the transaction they share one connection.
      const application = await this.submitted.withQuestions(labId, dto.applicationId);
      const staff = await this.reviewers.ofLab(labId);
      const facts = await this.reviewers.conflictFacts(labId);
      if (!application) throw ReviewError.applicationNotFound();
      const reviewer = this.chosenReviewers(staff, [dto.reviewerId])[0];
      const conflict = this.reviewers.conflictOf(facts, reviewer.userId, application);
      if (conflict) {
        throw new ReviewError(
          'ASSIGNMENT_CONFLICT_OF_INTEREST',
          `${reviewer.displayName} has a conflict of interest with this application (${ORGANISER_CONFLICT_LABELS[conflict]}).`,
          { reason: conflict },
        );
      }
      if (
        (await this.assignments.insertMany(
          labId,
          [{ applicationId: application.id, reviewerId: reviewer.userId }],
          'manual',
          actor.userId,
        )) === 0
      ) {
        throw new ReviewError(
          'REVIEW_ASSIGNMENT_EXISTS',
          `${reviewer.displayName} is already assigned to this application.`,
        );
      }
      const created = (await this.assignments.findOne(
        application.id,
        reviewer.userId,
      )) as ReviewAssignmentEntity;
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'review.assignment_added',
        entityType: 'review_assignment',
        entityId: created.id,
        data: { applicationId: application.id, reviewerId: reviewer.userId },
      });
      return {
        id: created.id,
        applicationId: application.id,
        applicantName: application.profile.name ?? null,
        reviewerId: reviewer.userId,
        reviewerName: reviewer.displayName,
        source: created.source,
        status: created.status,
      };
    });
  }

  /** An organiser removes an assignment; a submitted review is never thrown away. */
  async remove(actor: Actor, labId: string, assignmentId: string): Promise<void> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.tx.run(async () => {
      await this.assignments.lockLab(labId);
      const assignment = await this.assignments.findById(assignmentId);
      if (!assignment || assignment.labId !== labId)
        throw new ReviewError(
          'REVIEW_ASSIGNMENT_NOT_FOUND',
          'There is no such assignment in this lab.',
        );
      if (assignment.status === 'submitted') {
        throw new ReviewError(
          'REVIEW_ASSIGNMENT_HAS_REVIEW',
          'This reviewer has submitted their review; the assignment stays so the review keeps counting.',
        );
      }
      await this.assignments.deleteById(assignment.id);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'review.assignment_removed',
        entityType: 'review_assignment',
        entityId: assignment.id,
        data: {
          applicationId: assignment.applicationId,
          reviewerId: assignment.reviewerId,
          reason: 'organiser',
          hadDraft: assignment.status === 'draft',
        },
      });
    });
  }

  private chosenReviewers(staff: LabReviewer[], ids: string[] | undefined): LabReviewer[] {
    if (ids === undefined) return staff;
    const byId = new Map(staff.map((r) => [r.userId, r]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      throw new ReviewError(
        'REVIEWER_NOT_IN_LAB',
        `Reviewers are the lab's mentors and organisers; ${unknown.length === 1 ? 'one id is' : `${unknown.length} ids are`} not.`,
        unknown.map((id) => ({
          field: 'reviewerIds',
          message: `${id} is not a mentor or organiser of this lab`,
        })),
      );
    }
    return [...new Set(ids)].map((id) => byId.get(id) as LabReviewer);
  }

  private runView(
    runId: string,
    createdAt: Date,
    k: number,
    applicationCount: number,
    result: Pick<
      ReviewerAssignment,
      | 'complete'
      | 'optimal'
      | 'solverStatus'
      | 'loads'
      | 'loadSpread'
      | 'unfilled'
      | 'problems'
      | 'warnings'
    >,
    kept: number,
    added: number,
    staff: LabReviewer[],
    applications: { id: string; profile: { name?: string | null } }[],
  ): AssignmentRunView {
    const reviewerName = new Map(staff.map((r) => [r.userId, r.displayName]));
    const applicantName = new Map(applications.map((a) => [a.id, a.profile.name ?? null]));
    return {
      runId,
      complete: result.complete,
      optimal: result.optimal,
      solverStatus: result.solverStatus,
      reviewsPerApplication: k,
      applications: applicationCount,
      kept,
      added,
      loads: result.loads.map((l) => ({ ...l, name: reviewerName.get(l.reviewerId) ?? '' })),
      loadSpread: result.loadSpread,
      unfilled: result.unfilled.map((u) => ({
        ...u,
        name: applicantName.get(u.applicationId) ?? null,
      })),
      problems: result.problems,
      warnings: result.warnings,
      createdAt: createdAt.toISOString(),
    };
  }
}
