import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import {
  rubricChangeProblems,
  rubricProblems,
  type Actor,
  type ReviewCriterion,
} from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { liveChannels, LivePublisher } from '@ideas-lab/live';
import type { PutRubric, RubricView } from './review.contract.js';
import type { ReviewRubricEntity } from './entities/review-rubric.entity.js';
import { ReviewAssignmentsRepository } from './review-assignments.repository.js';
import { ReviewRubricsRepository } from './review-rubrics.repository.js';
import { ReviewError } from './review.errors.js';

const tidy = (criteria: PutRubric['criteria']): ReviewCriterion[] =>
  criteria.map((c) => ({
    id: c.id.trim(),
    label: c.label.trim(),
    ...(c.description?.trim() ? { description: c.description.trim() } : {}),
    weight: c.weight,
    scale: { min: c.scale.min, max: c.scale.max },
  }));

/** The lab's rubric and review settings: organisers write it, reviewers read it. */
@Injectable()
export class ReviewRubricService {
  constructor(
    private readonly rubrics: ReviewRubricsRepository,
    private readonly assignments: ReviewAssignmentsRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: LivePublisher,
  ) {}

  async get(actor: Actor, labId: string): Promise<RubricView> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const rubric = await this.rubrics.findOfLab(labId);
    if (!rubric) throw ReviewError.rubricNotSet();
    return this.view(rubric, await this.assignments.countSubmittedOfLab(labId));
  }

  /** The rubric, or null when none is set; no access check (for the other review services). */
  findOfLab(labId: string): Promise<ReviewRubricEntity | null> {
    return this.rubrics.findOfLab(labId);
  }

  /**
   * Write the next version of the rubric. Once reviews are submitted, criteria cannot be
   * added or removed and scales cannot change (REVIEW_RUBRIC_LOCKED names each refusal).
   */
  async put(actor: Actor, labId: string, dto: PutRubric): Promise<RubricView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const criteria = tidy(dto.criteria);
    const problems = rubricProblems(criteria);
    if (problems.length > 0) {
      throw new ReviewError(
        'REVIEW_RUBRIC_INVALID',
        `The rubric has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${[...new Set(problems.map((p) => p.field))].join(', ')}).`,
        problems,
      );
    }
    return this.tx.run(async () => {
      // Reviews are submitted under the same lock: no review slips in between the check and the change.
      await this.assignments.lockLab(labId);
      const current = await this.rubrics.findOfLabForUpdate(labId);
      if (dto.version !== undefined && dto.version !== (current?.version ?? 0)) {
        throw new ReviewError(
          'REVIEW_RUBRIC_VERSION_CONFLICT',
          `The rubric changed since you opened it (you edited version ${dto.version}, it is now version ${current?.version ?? 0}). Reload it and apply your changes again.`,
          {
            currentVersion: current?.version ?? 0,
            yourVersion: dto.version,
          },
        );
      }
      const submittedReviews = await this.assignments.countSubmittedOfLab(labId);
      if (current && submittedReviews > 0) {
        const breaking = rubricChangeProblems(current.criteria, criteria);
        if (breaking.length > 0) {
          throw new ReviewError(
            'REVIEW_RUBRIC_LOCKED',
            `${submittedReviews} review${submittedReviews === 1 ? ' was' : 's were'} submitted with this rubric: criteria cannot be added or removed and scales cannot change any more (labels, descriptions and weights can).`,
            breaking,
          );
        }
      }
      const next = {
        labId,
        criteria,
        commentPrompt: dto.commentPrompt?.trim() ?? current?.commentPrompt ?? '',
        blind: dto.blind ?? current?.blind ?? false,
        updatedBy: actor.userId,
      };
      if (!(await this.rubrics.saveNextVersion(next, current?.version ?? null))) {
        throw new ReviewError(
          'REVIEW_RUBRIC_VERSION_CONFLICT',
          'Someone else set the rubric at the same moment. Reload it and apply your changes again.',
        );
      }
      const saved = (await this.rubrics.findOfLab(labId)) as ReviewRubricEntity;
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'review.rubric_set',
        entityType: 'review_rubric',
        entityId: labId,
        data: {
          version: saved.version,
          criteria: criteria.map((c) => ({ id: c.id, weight: c.weight, scale: c.scale })),
          blind: saved.blind,
        },
      });
      return this.view(saved, submittedReviews);
    });
  }

  /**
   * Close review for good: from now on no review is written or revised (REVIEW_CLOSED).
   * Closing again changes nothing.
   */
  async close(actor: Actor, labId: string): Promise<RubricView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      // Reviews are written under the shared lock: none slips in after the close.
      await this.assignments.lockLab(labId);
      if (!(await this.rubrics.findOfLabForUpdate(labId))) throw ReviewError.rubricNotSet();
      const now = new Date();
      if (await this.rubrics.close(labId, actor.userId, now)) {
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'review.closed',
          entityType: 'review_rubric',
          entityId: labId,
          data: { submittedReviews: await this.assignments.countSubmittedOfLab(labId) },
        });
        // An open review screen stops offering to save or revise at once (sent after commit).
        this.live.emit(
          [liveChannels.role(labId, 'mentor'), liveChannels.role(labId, 'organiser')],
          'review:closed',
          { labId, closedAt: now.toISOString() },
        );
      }
      const rubric = (await this.rubrics.findOfLab(labId)) as ReviewRubricEntity;
      return this.view(rubric, await this.assignments.countSubmittedOfLab(labId));
    });
  }

  private view(rubric: ReviewRubricEntity, submittedReviews: number): RubricView {
    return {
      labId: rubric.labId,
      version: rubric.version,
      criteria: rubric.criteria,
      commentPrompt: rubric.commentPrompt,
      blind: rubric.blind,
      locked: submittedReviews > 0,
      submittedReviews,
      updatedAt: rubric.updatedAt.toISOString(),
      closedAt: rubric.closedAt?.toISOString() ?? null,
    };
  }
}
