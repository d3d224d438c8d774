import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { PROPOSAL_CONFLICT_REASON_LABELS, type Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import type { DeclareProposalConflict, MyProposalConflicts } from './proposal-review.contract.js';
import { ProposalReviewFacts, type RoundFacts } from './proposal-review-facts.js';
import { ProposalReviewNotices } from './proposal-review-notices.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { ProposalReviewError } from './proposal-review.errors.js';

/**
 * Conflicts of interest a reviewer declares with a single proposal (a collaborator, a student,
 * a competing bid), as application review has them for applicants: the conflict matrix reads
 * them, so the assignment leaves the pair out and a hand assignment is refused; a review of it
 * not yet submitted is withdrawn, a submitted one stays and is flagged to the organisers.
 */
@Injectable()
export class ProposalConflictsService {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: ProposalReviewNotices,
  ) {}

  async mine(actor: Actor, labId: string, roundId: string): Promise<MyProposalConflicts> {
    await this.access.requireRole(actor, labId, ['mentor', 'organiser']);
    return this.view(actor, await this.facts.read(labId, roundId), 0);
  }

  async declare(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: DeclareProposalConflict,
  ): Promise<MyProposalConflicts> {
    await this.access.requireRole(actor, labId, ['mentor', 'organiser']);
    return this.tx.run(async () => {
      // The round's lock: an assignment run or hand edit sees the declaration, or runs first.
      await this.repository.lockRound(roundId);
      const before = await this.facts.read(labId, roundId);
      this.facts.proposal(before, proposalId);
      await this.repository.upsertDeclaredConflict({
        labId,
        roundId,
        proposalId,
        reviewerId: actor.userId,
        reason: dto.reason,
      });
      let withdrawn = 0;
      const assignment = await this.repository.findOne(proposalId, actor.userId);
      if (assignment && assignment.status !== 'submitted') {
        await this.repository.deleteById(assignment.id);
        withdrawn = 1;
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'proposal_review.assignment_removed',
          entityType: 'proposal_review',
          entityId: assignment.id,
          data: {
            roundId,
            proposalId,
            reviewerId: actor.userId,
            reason: 'conflict_of_interest',
            hadDraft: assignment.status === 'draft',
          },
        });
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.conflict_declared',
        entityType: 'proposal',
        entityId: proposalId,
        data: {
          roundId,
          reason: dto.reason,
          withdrawnReview: withdrawn === 1,
          submittedReviewFlagged: assignment?.status === 'submitted',
        },
      });
      const after = await this.facts.read(labId, roundId);
      this.notices.assignmentsChanged(
        labId,
        after,
        'conflict-declared',
        [proposalId],
        [actor.userId],
      );
      return this.view(actor, after, withdrawn);
    });
  }

  async withdraw(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<MyProposalConflicts> {
    await this.access.requireRole(actor, labId, ['mentor', 'organiser']);
    return this.tx.run(async () => {
      await this.repository.lockRound(roundId);
      this.facts.proposal(await this.facts.read(labId, roundId), proposalId);
      if (!(await this.repository.deleteDeclaredConflict(proposalId, actor.userId)))
        throw new ProposalReviewError(
          'PROPOSAL_CONFLICT_NOT_DECLARED',
          'You have not declared a conflict with this proposal.',
        );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal_review.conflict_withdrawn',
        entityType: 'proposal',
        entityId: proposalId,
        data: { roundId },
      });
      const after = await this.facts.read(labId, roundId);
      this.notices.assignmentsChanged(
        labId,
        after,
        'conflict-withdrawn',
        [proposalId],
        [actor.userId],
      );
      return this.view(actor, after, 0);
    });
  }

  private view(actor: Actor, facts: RoundFacts, withdrawnReviews: number): MyProposalConflicts {
    return {
      roundId: facts.round.id,
      proposals: facts.proposals.map((p) => {
        const declared = facts.declared.find(
          (d) => d.reviewerId === actor.userId && d.proposalId === p.proposalId,
        );
        const conflict = this.facts.conflictOfAnyone(facts, actor.userId, p);
        return {
          proposalId: p.proposalId,
          teamName: p.team.name,
          title: p.title,
          declared: declared
            ? { reason: declared.reason, declaredAt: declared.createdAt.toISOString() }
            : null,
          conflict,
          conflictText: conflict ? PROPOSAL_CONFLICT_REASON_LABELS[conflict] : null,
        };
      }),
      withdrawnReviews,
    };
  }
}
