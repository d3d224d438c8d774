import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { ReviewAssignmentRunEntity } from './entities/review-assignment-run.entity.js';
import { ReviewRevisionEntity } from './entities/review-revision.entity.js';
import {
  ReviewAssignmentEntity,
  type AssignmentSource,
} from './entities/review-assignment.entity.js';

export type ReviewChanges = Partial<
  Pick<
    ReviewAssignmentEntity,
    'status' | 'scores' | 'comment' | 'rubricVersion' | 'submittedAt' | 'revision'
  >
>;

/** Assignments of reviewers to applications, with the reviews written on them, and the assignment runs. */
@Injectable()
export class ReviewAssignmentsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(ReviewAssignmentEntity);
  }

  /** One assignment change per lab at a time (runs, hand edits, declarations): held until the transaction ends. */
  async lockLab(labId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('review-assignments:' || $1, 0))`, [
        labId,
      ]);
  }

  /** Reviews being saved share the lab: they wait for a run or a rubric change, not for each other. */
  async lockLabShared(labId: string): Promise<void> {
    await this.tx
      .manager()
      .query(
        `SELECT pg_advisory_xact_lock_shared(hashtextextended('review-assignments:' || $1, 0))`,
        [labId],
      );
  }

  findOfLab(labId: string): Promise<ReviewAssignmentEntity[]> {
    return this.repo.find({ where: { labId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOfReviewer(labId: string, reviewerId: string): Promise<ReviewAssignmentEntity[]> {
    return this.repo.find({ where: { labId, reviewerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The submitted reviews of an application in the order they were first submitted (their
   * first kept revision), so a revision does not move a review: blind reviews are numbered in
   * this order. A review submitted before revisions were kept counts from its current submission.
   */
  findSubmittedOfApplication(applicationId: string): Promise<ReviewAssignmentEntity[]> {
    return this.repo
      .createQueryBuilder('a')
      .where(`a.application_id = :applicationId AND a.status = 'submitted'`, { applicationId })
      .orderBy(
        `COALESCE((SELECT MIN(v.submitted_at) FROM review_revisions v WHERE v.assignment_id = a.id), a.submitted_at)`,
        'ASC',
      )
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  findOne(applicationId: string, reviewerId: string): Promise<ReviewAssignmentEntity | null> {
    return this.repo.findOneBy({ applicationId, reviewerId });
  }

  findById(assignmentId: string): Promise<ReviewAssignmentEntity | null> {
    return this.repo.findOneBy({ id: assignmentId });
  }

  /** The assignment, locked until the transaction ends (saves of one review queue up). */
  findOneForUpdate(
    applicationId: string,
    reviewerId: string,
  ): Promise<ReviewAssignmentEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.application_id = :applicationId AND a.reviewer_id = :reviewerId', {
        applicationId,
        reviewerId,
      })
      .getOne();
  }

  /** Applications of the lab with at least one submitted review. */
  async findReviewedApplicationIdsOfLab(labId: string): Promise<string[]> {
    const rows: { applicationId: string }[] = await this.tx.manager().query(
      `SELECT DISTINCT application_id AS "applicationId" FROM review_assignments
        WHERE lab_id = $1 AND status = 'submitted'`,
      [labId],
    );
    return rows.map((r) => r.applicationId);
  }

  countSubmittedOfLab(labId: string): Promise<number> {
    return this.repo.countBy({ labId, status: 'submitted' });
  }

  /** Insert assignments; pairs that already exist are skipped. Returns how many were added. */
  async insertMany(
    labId: string,
    pairs: { applicationId: string; reviewerId: string }[],
    source: AssignmentSource,
    assignedBy: string | null,
  ): Promise<number> {
    if (pairs.length === 0) return 0;
    const rows: unknown[] = await this.tx.manager().query(
      `INSERT INTO review_assignments (lab_id, application_id, reviewer_id, source, assigned_by)
       SELECT $1, p.application_id, p.reviewer_id, $2, $3
         FROM jsonb_to_recordset($4::jsonb) AS p(application_id uuid, reviewer_id uuid)
       ON CONFLICT (application_id, reviewer_id) DO NOTHING RETURNING id`,
      [
        labId,
        source,
        assignedBy,
        JSON.stringify(
          pairs.map((p) => ({ application_id: p.applicationId, reviewer_id: p.reviewerId })),
        ),
      ],
    );
    return rows.length;
  }

  /** Drop the automatic assignments nobody has started; a new run replaces them. */
  async deleteUnstartedAutomatic(labId: string): Promise<number> {
    const result = await this.repo.delete({ labId, source: 'auto', status: 'assigned' });
    return result.affected ?? 0;
  }

  async deleteById(assignmentId: string): Promise<void> {
    await this.repo.delete({ id: assignmentId });
  }

  async update(assignmentId: string, changes: ReviewChanges): Promise<void> {
    await this.repo.update({ id: assignmentId }, changes);
  }

  /** Keep one submission of a review as it was. */
  async insertRevision(row: ReviewRevisionEntity): Promise<void> {
    await this.tx.manager().getRepository(ReviewRevisionEntity).insert(row);
  }

  /** Every kept submission of the reviews of an application, oldest first per review. */
  findRevisionsOfAssignments(assignmentIds: string[]): Promise<ReviewRevisionEntity[]> {
    if (assignmentIds.length === 0) return Promise.resolve([]);
    return this.tx
      .manager()
      .getRepository(ReviewRevisionEntity)
      .find({
        where: { assignmentId: In(assignmentIds) },
        order: { assignmentId: 'ASC', revision: 'ASC' },
      });
  }

  async insertRun(
    run: Pick<ReviewAssignmentRunEntity, 'labId' | 'inputs' | 'result' | 'createdBy'>,
  ): Promise<ReviewAssignmentRunEntity> {
    const repo = this.tx.manager().getRepository(ReviewAssignmentRunEntity);
    return repo.save(repo.create(run));
  }

  findLatestRunOfLab(labId: string): Promise<ReviewAssignmentRunEntity | null> {
    return this.tx
      .manager()
      .getRepository(ReviewAssignmentRunEntity)
      .findOne({ where: { labId }, order: { createdAt: 'DESC' } });
  }
}
