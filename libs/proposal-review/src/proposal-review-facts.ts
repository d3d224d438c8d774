import { Injectable } from '@nestjs/common';
import {
  LAB_PHASE_LABELS,
  proposalConflictMatrix,
  type LabPhase,
  type ProposalConflict,
  type ProposalConflictReason,
} from '@ideas-lab/domain';
import { SubmittedApplicationsService } from '@ideas-lab/applications';
import {
  FundingRoundsService,
  ProposalsService,
  type FundingRoundEntity,
  type SubmittedProposal,
} from '@ideas-lab/proposals';
import { ReviewersService, type ConflictFacts, type LabReviewer } from '@ideas-lab/review';
import type { ProposalConflictEntity } from './entities/proposal-conflict.entity.js';
import type { ProposalReviewEntity } from './entities/proposal-review.entity.js';
import { ProposalReviewError } from './proposal-review.errors.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';

/** Phases in which proposals are reviewed: once the round's proposals are in, until the decision. */
export const PROPOSAL_REVIEW_PHASES: readonly LabPhase[] = ['proposals', 'review'];

export function assertProposalReviewPhase(phase: LabPhase): void {
  if (!PROPOSAL_REVIEW_PHASES.includes(phase)) {
    throw new ProposalReviewError(
      'PROPOSAL_REVIEW_NOT_OPEN',
      `Proposals are reviewed in the proposals and review phases; this lab is in the phase "${LAB_PHASE_LABELS[phase]}".`,
      { phase },
    );
  }
}

/**
 * Why a reviewer may not read a proposal's panel (the others' reviews, the panel discussion,
 * the consensus): not assigned to it, conflicted with it, or their own review not submitted.
 */
export type PanelBar = 'not-assigned' | 'conflict' | 'not-submitted';

/** Everything review needs to know about a round: its proposals and teams, its mentors and their conflicts. */
export interface RoundFacts {
  round: FundingRoundEntity;
  proposals: SubmittedProposal[];
  /** The lab's mentors: the reviewers of proposals. */
  mentors: LabReviewer[];
  /** Mentors and organisers, for names. */
  staff: LabReviewer[];
  facts: ConflictFacts;
  /** Conflicts reviewers declared with one proposal of the round, with their reasons. */
  declared: ProposalConflictEntity[];
  /** Every conflicted mentor–proposal pair, recomputed from the teams as they are now. */
  conflicts: ProposalConflict[];
  /** The disciplines of each proposal's team members (from their applications to the lab). */
  disciplinesOf: Map<string, string[]>;
}

/**
 * Reads a round's proposals, teams and reviewers, and derives the conflicts of interest from
 * them every time: a team that changed, or a declaration, changes the conflicts at once.
 */
@Injectable()
export class ProposalReviewFacts {
  constructor(
    private readonly rounds: FundingRoundsService,
    private readonly proposals: ProposalsService,
    private readonly reviewers: ReviewersService,
    private readonly submitted: SubmittedApplicationsService,
    private readonly repository: ProposalReviewRepository,
  ) {}

  async requireRound(labId: string, roundId: string): Promise<FundingRoundEntity> {
    const round = await this.rounds.findRound(labId, roundId);
    if (!round)
      throw new ProposalReviewError(
        'PROPOSAL_REVIEW_ROUND_NOT_FOUND',
        'There is no such funding round in this lab.',
      );
    return round;
  }

  /** One query at a time: this is also read inside transactions, on one connection. */
  async read(labId: string, roundId: string): Promise<RoundFacts> {
    const round = await this.requireRound(labId, roundId);
    const proposals = await this.proposals.submittedOfRound(labId, roundId);
    const staff = await this.reviewers.ofLab(labId);
    const facts = await this.reviewers.conflictFacts(labId);
    const applications = await this.submitted.ofLab(labId);
    const declared = await this.repository.findDeclaredConflictsOfRound(roundId);
    const profileOf = new Map(applications.map((a) => [a.applicantId, a.profile]));
    const mentors = staff.filter((r) => r.roles.includes('mentor'));
    const conflicts = proposalConflictMatrix({
      proposals: proposals.map((p) => ({
        proposalId: p.proposalId,
        members: p.team.members.map((m) => ({
          personId: m.userId,
          institution: profileOf.get(m.userId)?.affiliation ?? null,
        })),
      })),
      reviewers: mentors.map((r) => ({
        id: r.userId,
        institution: facts.institutionOf.get(r.userId) ?? null,
        declared: [
          ...(facts.declaredBy.get(r.userId) ?? []),
          ...declared
            .filter((d) => d.reviewerId === r.userId)
            .map((d) => ({ proposalId: d.proposalId })),
        ],
      })),
    });
    const disciplinesOf = new Map(
      proposals.map((p) => [
        p.proposalId,
        [
          ...new Set(
            p.team.members.flatMap((m) => {
              const d = profileOf.get(m.userId)?.primaryDiscipline;
              return d ? [d] : [];
            }),
          ),
        ],
      ]),
    );
    return { round, proposals, mentors, staff, facts, declared, conflicts, disciplinesOf };
  }

  conflictOf(
    facts: RoundFacts,
    reviewerId: string,
    proposalId: string,
  ): ProposalConflictReason | null {
    return (
      facts.conflicts.find((c) => c.reviewerId === reviewerId && c.proposalId === proposalId)
        ?.reason ?? null
    );
  }

  /**
   * A conflict with a proposal for someone who is not one of the lab's mentors (an organiser
   * reviewing too): they are conflicted when on the team; the matrix covers the mentors.
   */
  conflictOfAnyone(
    facts: RoundFacts,
    reviewerId: string,
    proposal: SubmittedProposal,
  ): ProposalConflictReason | null {
    if (proposal.team.members.some((m) => m.userId === reviewerId)) return 'team-member';
    if (
      facts.declared.some(
        (d) => d.reviewerId === reviewerId && d.proposalId === proposal.proposalId,
      )
    )
      return 'declared-proposal';
    return this.conflictOf(facts, reviewerId, proposal.proposalId);
  }

  /**
   * The one rule of who among the reviewers reads a proposal's panel — over HTTP (reviews,
   * thread, consensus) and live (ProposalReviewNotices): an assigned reviewer who has
   * submitted their review and has no conflict with the proposal, even one that arose after
   * they submitted. Null when they may; otherwise why not. Organisers go by their role.
   */
  panelBar(
    facts: RoundFacts,
    reviewerId: string,
    proposal: SubmittedProposal,
    review: Pick<ProposalReviewEntity, 'status'> | null,
  ): PanelBar | null {
    if (!review) return 'not-assigned';
    if (this.conflictOfAnyone(facts, reviewerId, proposal)) return 'conflict';
    if (review.status !== 'submitted') return 'not-submitted';
    return null;
  }

  proposal(facts: RoundFacts, proposalId: string): SubmittedProposal {
    const proposal = facts.proposals.find((p) => p.proposalId === proposalId);
    if (!proposal) throw ProposalReviewError.proposalNotFound();
    return proposal;
  }
}
