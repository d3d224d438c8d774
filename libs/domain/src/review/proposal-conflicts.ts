/**
 * Conflicts of interest between mentors and proposals: the reviewer × proposal matrix that the
 * assignment, the review door and the hand-adjustment check all read.
 *
 * A reviewer is conflicted with a proposal when they are on its team (mentors are never team
 * members; should one be, they may not review it), when they declared a conflict with the
 * proposal itself, with a team member, or with a team member's institution, or when they share
 * an institution with any team member. Person and institution rules are those of application
 * review (`peopleConflictOf`), applied to the whole team.
 */
import { compareText } from '../shared/compare-text.js';
import { peopleConflictOf } from './review-conflicts.js';
import type { DeclaredConflict, PeopleConflictReason, ReviewedPerson } from './review-conflicts.js';

export type ProposalConflictReason = 'team-member' | 'declared-proposal' | PeopleConflictReason;

export interface ProposalTeam {
  proposalId: string;
  members: readonly ReviewedPerson[];
}

export interface ProposalReviewer {
  /** The reviewer's user id (compared with team members' person ids). */
  id: string;
  institution?: string | null;
  /** Declared conflicts: a person, an institution, or a proposal. */
  declared?: readonly (DeclaredConflict | { proposalId: string })[];
}

export interface ProposalConflict {
  reviewerId: string;
  proposalId: string;
  reason: ProposalConflictReason;
}

/**
 * Every conflicted reviewer–proposal pair (pairs not listed are free), ordered by reviewer id
 * then proposal id, each with its first reason: team member, declared proposal, declared
 * person, declared institution, shared institution.
 */
export function proposalConflictMatrix({
  proposals,
  reviewers,
}: {
  proposals: readonly ProposalTeam[];
  reviewers: readonly ProposalReviewer[];
}): ProposalConflict[] {
  const conflicts: ProposalConflict[] = [];
  const sortedReviewers = [...reviewers].sort((a, b) => compareText(a.id, b.id));
  const sortedProposals = [...proposals].sort((a, b) => compareText(a.proposalId, b.proposalId));
  for (const reviewer of sortedReviewers) {
    const declared = reviewer.declared ?? [];
    const declaredProposals = new Set(
      declared.flatMap((d) => ('proposalId' in d ? [d.proposalId] : [])),
    );
    const personal = declared.filter((d): d is DeclaredConflict => !('proposalId' in d));
    for (const proposal of sortedProposals) {
      const reason = proposalConflictOf({ reviewer, declaredProposals, personal, proposal });
      if (reason !== null)
        conflicts.push({ reviewerId: reviewer.id, proposalId: proposal.proposalId, reason });
    }
  }
  return conflicts;
}

function proposalConflictOf({
  reviewer,
  declaredProposals,
  personal,
  proposal,
}: {
  reviewer: ProposalReviewer;
  declaredProposals: ReadonlySet<string>;
  personal: readonly DeclaredConflict[];
  proposal: ProposalTeam;
}): ProposalConflictReason | null {
  if (proposal.members.some((member) => member.personId === reviewer.id)) return 'team-member';
  if (declaredProposals.has(proposal.proposalId)) return 'declared-proposal';
  return peopleConflictOf({
    reviewerInstitution: reviewer.institution,
    declared: personal,
    people: proposal.members,
  });
}

export const PROPOSAL_CONFLICT_REASON_LABELS: Readonly<Record<ProposalConflictReason, string>> = {
  'team-member': 'you are a member of this team',
  'declared-proposal': 'you declared a conflict with this proposal',
  'declared-person': 'you declared a conflict with a member of this team',
  'declared-institution': "you declared a conflict with a team member's institution",
  'same-institution': 'you work at the institution of a member of this team',
};
