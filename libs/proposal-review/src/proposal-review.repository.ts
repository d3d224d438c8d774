import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { ConsensusReportEntity, type Recommendation } from './entities/consensus-report.entity.js';
import { PanelMessageEntity } from './entities/panel-message.entity.js';
import { ProposalConflictEntity } from './entities/proposal-conflict.entity.js';
import { ProposalReviewRevisionEntity } from './entities/proposal-review-revision.entity.js';
import { ProposalReviewRoundEntity } from './entities/proposal-review-round.entity.js';
import { ProposalReviewRunEntity } from './entities/proposal-review-run.entity.js';
import {
  ProposalReviewEntity,
  type ProposalReviewSource,
} from './entities/proposal-review.entity.js';

export type ProposalReviewChanges = Partial<
  Pick<
    ProposalReviewEntity,
    'status' | 'scores' | 'confidence' | 'teamComment' | 'panelComment' | 'revision' | 'submittedAt'
  >
>;

/** Proposal reviews, their revisions and assignment runs, each round's review settings, panel threads and consensus reports. */
@Injectable()
export class ProposalReviewRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get reviews() {
    return this.tx.manager().getRepository(ProposalReviewEntity);
  }

  /** One assignment change per round at a time (runs, hand edits, closing): held until the transaction ends. */
  async lockRound(roundId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock(hashtextextended('proposal-review:' || $1, 0))`, [
        roundId,
      ]);
  }

  /** Reviews being saved share the round: they wait for a run or for closing, not for each other. */
  async lockRoundShared(roundId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT pg_advisory_xact_lock_shared(hashtextextended('proposal-review:' || $1, 0))`, [
        roundId,
      ]);
  }

  // ---- the round's settings ----

  findRound(roundId: string): Promise<ProposalReviewRoundEntity | null> {
    return this.tx.manager().getRepository(ProposalReviewRoundEntity).findOneBy({ roundId });
  }

  /** The round's review settings, created with the defaults on first use. */
  async ensureRound(labId: string, roundId: string): Promise<ProposalReviewRoundEntity> {
    await this.tx
      .manager()
      .query(
        `INSERT INTO proposal_review_rounds (round_id, lab_id) VALUES ($1, $2) ON CONFLICT (round_id) DO NOTHING`,
        [roundId, labId],
      );
    return (await this.findRound(roundId))!;
  }

  /** Applies the changes only if the version is still the one read; false otherwise. */
  async updateRoundIfVersion(
    roundId: string,
    version: number,
    changes: Partial<
      Pick<ProposalReviewRoundEntity, 'blind' | 'closedAt' | 'commentsReleasedAt' | 'updatedBy'>
    >,
  ): Promise<boolean> {
    const result = await this.tx
      .manager()
      .createQueryBuilder()
      .update(ProposalReviewRoundEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('round_id = :roundId AND version = :version', { roundId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  // ---- reviews ----

  findOfRound(roundId: string): Promise<ProposalReviewEntity[]> {
    return this.reviews.find({ where: { roundId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * The submitted reviews of a proposal in the order they were first submitted (their first kept
   * revision), so a revision does not move a review: reviewers are numbered in this order.
   */
  findSubmittedOfProposal(proposalId: string): Promise<ProposalReviewEntity[]> {
    return this.submittedInFirstSubmissionOrder()
      .andWhere('r.proposal_id = :proposalId', { proposalId })
      .getMany();
  }

  /** The submitted reviews of a round, each proposal's in the order of `findSubmittedOfProposal`. */
  findSubmittedOfRound(roundId: string): Promise<ProposalReviewEntity[]> {
    return this.submittedInFirstSubmissionOrder()
      .andWhere('r.round_id = :roundId', { roundId })
      .getMany();
  }

  private submittedInFirstSubmissionOrder() {
    return this.reviews
      .createQueryBuilder('r')
      .where(`r.status = 'submitted'`)
      .orderBy(
        `COALESCE((SELECT MIN(v.submitted_at) FROM proposal_review_revisions v WHERE v.review_id = r.id), r.submitted_at)`,
        'ASC',
      )
      .addOrderBy('r.id', 'ASC');
  }

  findOfReviewer(roundId: string, reviewerId: string): Promise<ProposalReviewEntity[]> {
    return this.reviews.find({
      where: { roundId, reviewerId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  findOfProposal(proposalId: string): Promise<ProposalReviewEntity[]> {
    return this.reviews.find({ where: { proposalId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findOne(proposalId: string, reviewerId: string): Promise<ProposalReviewEntity | null> {
    return this.reviews.findOneBy({ proposalId, reviewerId });
  }

  findOneForUpdate(proposalId: string, reviewerId: string): Promise<ProposalReviewEntity | null> {
    return this.reviews
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.proposal_id = :proposalId AND r.reviewer_id = :reviewerId', {
        proposalId,
        reviewerId,
      })
      .getOne();
  }

  findById(reviewId: string): Promise<ProposalReviewEntity | null> {
    return this.reviews.findOneBy({ id: reviewId });
  }

  /** New assignments; pairs already assigned are skipped. Returns how many were added. */
  async insertMany(
    labId: string,
    roundId: string,
    pairs: readonly { proposalId: string; reviewerId: string }[],
    source: ProposalReviewSource,
    assignedBy: string | null,
  ): Promise<number> {
    if (pairs.length === 0) return 0;
    const rows: unknown[] = await this.tx.manager().query(
      `INSERT INTO proposal_reviews (lab_id, round_id, proposal_id, reviewer_id, source, assigned_by)
       SELECT $1, $2, p.proposal_id, p.reviewer_id, $3, $4
         FROM jsonb_to_recordset($5::jsonb) AS p(proposal_id uuid, reviewer_id uuid)
       ON CONFLICT (proposal_id, reviewer_id) DO NOTHING RETURNING id`,
      [
        labId,
        roundId,
        source,
        assignedBy,
        JSON.stringify(
          pairs.map((p) => ({ proposal_id: p.proposalId, reviewer_id: p.reviewerId })),
        ),
      ],
    );
    return rows.length;
  }

  /** Automatic assignments nobody has started: a new run replaces them. */
  async deleteUnstartedAutomatic(roundId: string): Promise<void> {
    await this.reviews.delete({ roundId, source: 'auto', status: 'assigned' });
  }

  async deleteById(reviewId: string): Promise<void> {
    await this.reviews.delete({ id: reviewId });
  }

  async update(reviewId: string, changes: ProposalReviewChanges): Promise<void> {
    await this.reviews.update({ id: reviewId }, changes);
  }

  async insertRevision(row: Omit<ProposalReviewRevisionEntity, never>): Promise<void> {
    await this.tx.manager().getRepository(ProposalReviewRevisionEntity).insert(row);
  }

  // ---- runs ----

  insertRun(
    row: Pick<
      ProposalReviewRunEntity,
      'labId' | 'roundId' | 'inputs' | 'seed' | 'status' | 'result' | 'createdBy'
    >,
  ): Promise<ProposalReviewRunEntity> {
    return this.tx.manager().getRepository(ProposalReviewRunEntity).save(row);
  }

  findLatestRun(roundId: string): Promise<ProposalReviewRunEntity | null> {
    return this.tx
      .manager()
      .getRepository(ProposalReviewRunEntity)
      .findOne({ where: { roundId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  // ---- panel thread ----

  insertMessage(
    row: Pick<PanelMessageEntity, 'labId' | 'proposalId' | 'authorId' | 'body'>,
  ): Promise<PanelMessageEntity> {
    return this.tx.manager().getRepository(PanelMessageEntity).save(row);
  }

  findMessages(proposalId: string): Promise<PanelMessageEntity[]> {
    return this.tx
      .manager()
      .getRepository(PanelMessageEntity)
      .find({ where: { proposalId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  // ---- consensus reports ----

  findReport(proposalId: string): Promise<ConsensusReportEntity | null> {
    return this.tx.manager().getRepository(ConsensusReportEntity).findOneBy({ proposalId });
  }

  findReportsOf(proposalIds: readonly string[]): Promise<ConsensusReportEntity[]> {
    if (proposalIds.length === 0) return Promise.resolve([]);
    return this.tx
      .manager()
      .getRepository(ConsensusReportEntity)
      .findBy({ proposalId: In([...proposalIds]) });
  }

  async setLead(labId: string, proposalId: string, leadReviewerId: string): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO proposal_consensus_reports (proposal_id, lab_id, lead_reviewer_id) VALUES ($1, $2, $3)
       ON CONFLICT (proposal_id) DO UPDATE SET lead_reviewer_id = EXCLUDED.lead_reviewer_id, updated_at = now()`,
      [proposalId, labId, leadReviewerId],
    );
  }

  /** Saves the report only if its version is still the one read; false otherwise. */
  async saveReportIfVersion(
    proposalId: string,
    version: number,
    changes: { recommendation: Recommendation; summary: string; updatedBy: string },
  ): Promise<boolean> {
    const result = await this.tx
      .manager()
      .createQueryBuilder()
      .update(ConsensusReportEntity)
      .set({ ...changes, version: () => 'version + 1' })
      .where('proposal_id = :proposalId AND version = :version', { proposalId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  // ---- conflicts declared with one proposal ----

  private get declaredConflicts() {
    return this.tx.manager().getRepository(ProposalConflictEntity);
  }

  findDeclaredConflictsOfRound(roundId: string): Promise<ProposalConflictEntity[]> {
    return this.declaredConflicts.find({
      where: { roundId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Declares (or re-words) a reviewer's conflict with a proposal. */
  async upsertDeclaredConflict(
    row: Pick<ProposalConflictEntity, 'labId' | 'roundId' | 'proposalId' | 'reviewerId' | 'reason'>,
  ): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO proposal_review_conflicts (lab_id, round_id, proposal_id, reviewer_id, reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [row.labId, row.roundId, row.proposalId, row.reviewerId, row.reason],
    );
  }

  /** Withdraws a declaration; false when there was none. */
  async deleteDeclaredConflict(proposalId: string, reviewerId: string): Promise<boolean> {
    const result = await this.declaredConflicts.delete({ proposalId, reviewerId });
    return (result.affected ?? 0) > 0;
  }
}
