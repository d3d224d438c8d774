import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { ReviewConflictEntity } from './entities/review-conflict.entity.js';
import { ReviewerProfileEntity } from './entities/reviewer-profile.entity.js';

export type ConflictInput =
  | { applicantId: string; institution?: undefined }
  | { institution: string; applicantId?: undefined };

/** Reviewers' institutions and the conflicts of interest they declared. */
@Injectable()
export class ReviewersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  findProfilesOfLab(labId: string): Promise<ReviewerProfileEntity[]> {
    return this.tx.manager().getRepository(ReviewerProfileEntity).findBy({ labId });
  }

  findProfile(labId: string, userId: string): Promise<ReviewerProfileEntity | null> {
    return this.tx.manager().getRepository(ReviewerProfileEntity).findOneBy({ labId, userId });
  }

  async upsertProfile(
    labId: string,
    userId: string,
    institution: string,
    expertise: readonly string[],
  ): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO reviewer_profiles (lab_id, user_id, institution, expertise) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (lab_id, user_id) DO UPDATE
         SET institution = EXCLUDED.institution, expertise = EXCLUDED.expertise, updated_at = now()`,
      [labId, userId, institution, JSON.stringify(expertise)],
    );
  }

  findConflictsOfLab(labId: string): Promise<ReviewConflictEntity[]> {
    return this.tx
      .manager()
      .getRepository(ReviewConflictEntity)
      .find({ where: { labId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findConflictsOfReviewer(labId: string, reviewerId: string): Promise<ReviewConflictEntity[]> {
    return this.tx
      .manager()
      .getRepository(ReviewConflictEntity)
      .find({ where: { labId, reviewerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A reviewer's declarations, replaced as a whole. */
  async replaceConflictsOfReviewer(
    labId: string,
    reviewerId: string,
    conflicts: ConflictInput[],
  ): Promise<void> {
    const repo = this.tx.manager().getRepository(ReviewConflictEntity);
    await repo.delete({ labId, reviewerId });
    if (conflicts.length === 0) return;
    await repo.insert(
      conflicts.map((c) => ({
        labId,
        reviewerId,
        applicantId: c.applicantId ?? null,
        institution: c.institution ?? null,
      })),
    );
  }
}
