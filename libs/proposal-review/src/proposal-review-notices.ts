import { Injectable } from '@nestjs/common';
import {
  liveChannels,
  LivePublisher,
  type ConsensusNotice,
  type LiveNotices,
  type PanelMessageNotice,
  type ProposalAssignmentsNotice,
  type ReviewQueueNotice,
} from '@ideas-lab/live';
import type { SubmittedProposal } from '@ideas-lab/proposals';
import type { ProposalReviewProgress } from './proposal-review.contract.js';
import type { ProposalReviewEntity } from './entities/proposal-review.entity.js';
import type { ProposalReviewRoundEntity } from './entities/proposal-review-round.entity.js';
import { ProposalReviewFacts, type RoundFacts } from './proposal-review-facts.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * What proposal review tells connected screens, and to whom: the one place that knows who
 * may hear what. Called inside the change's transaction; the live port sends once it commits.
 *
 * - Organisers hear everything of the round — except about a proposal whose team they are on.
 * - A proposal's panel is its reviewers who have submitted their own review and have no
 *   conflict with it: only they hear of its reviews, messages and consensus (a reviewer who
 *   has not submitted must not be swayed; a conflicted one hears nothing of it). Notices name
 *   no reviewer and carry no scores, so blind review holds.
 * - A reviewer hears that their own queue changed; a team, that its comments were released.
 */
@Injectable()
export class ProposalReviewNotices {
  constructor(
    private readonly live: LivePublisher,
    private readonly facts: ProposalReviewFacts,
  ) {}

  /** The organisers who may read about this proposal (every one, unless one is on its team). */
  organisers(labId: string, facts: RoundFacts, proposal?: SubmittedProposal): string[] {
    const onTeam = (userId: string) =>
      proposal?.team.members.some((m) => m.userId === userId) ?? false;
    const organisers = facts.staff.filter((s) => s.roles.includes('organiser'));
    if (!organisers.some((o) => onTeam(o.userId))) return [liveChannels.role(labId, 'organiser')];
    return organisers
      .filter((o) => !onTeam(o.userId))
      .map((o) => liveChannels.person(labId, o.userId));
  }

  /** The proposal's panel: reviewers who submitted theirs and are not conflicted with it. */
  panel(
    labId: string,
    facts: RoundFacts,
    proposal: SubmittedProposal,
    reviews: readonly Pick<ProposalReviewEntity, 'reviewerId' | 'status'>[],
  ): string[] {
    return reviews
      .filter((r) => this.facts.panelBar(facts, r.reviewerId, proposal, r) === null)
      .map((r) => liveChannels.person(labId, r.reviewerId));
  }

  /** A review was submitted, revised or (organisers only) saved as a draft. */
  reviewChanged(
    labId: string,
    facts: RoundFacts,
    proposal: SubmittedProposal,
    reviews: readonly Pick<ProposalReviewEntity, 'reviewerId' | 'status'>[],
    change: 'submitted' | 'revised' | 'draft',
    progress: ProposalReviewProgress,
    at: Date,
  ): void {
    const notice = {
      labId,
      roundId: facts.round.id,
      proposalId: proposal.proposalId,
      change,
      at: at.toISOString(),
    };
    this.live.emit(this.organisers(labId, facts, proposal), 'proposal-review:submitted', {
      ...notice,
      progress,
    });
    const panel = change === 'draft' ? [] : this.panel(labId, facts, proposal, reviews);
    if (panel.length > 0)
      this.live.emit(panel, 'proposal-review:submitted', { ...notice, progress: null });
  }

  /**
   * To organisers and the proposal's panel: organisers, panel reviewers who are organisers too
   * and those in `knownTo` (the author, the lead) get `named`; the other reviewers `hidden`,
   * as a blind review shows it to them (the same as `named` when the review is not blind).
   */
  private toPanel<E extends 'proposal-panel:message' | 'proposal-consensus:changed'>(
    labId: string,
    facts: RoundFacts,
    proposal: SubmittedProposal,
    reviews: readonly Pick<ProposalReviewEntity, 'reviewerId' | 'status'>[],
    event: E,
    payloads: { named: LiveNotices[E]; hidden: LiveNotices[E]; knownTo: readonly string[] },
  ): void {
    const organiserIds = new Set(
      facts.staff.filter((s) => s.roles.includes('organiser')).map((s) => s.userId),
    );
    const panel = this.panel(labId, facts, proposal, reviews);
    const names = (channel: string) =>
      [...organiserIds, ...payloads.knownTo].some(
        (id) => channel === liveChannels.person(labId, id),
      );
    this.live.emit(
      [...this.organisers(labId, facts, proposal), ...panel.filter(names)],
      event,
      payloads.named,
    );
    const others = panel.filter((channel) => !names(channel));
    if (others.length > 0) this.live.emit(others, event, payloads.hidden);
  }

  panelMessage(
    labId: string,
    facts: RoundFacts,
    proposal: SubmittedProposal,
    reviews: readonly Pick<ProposalReviewEntity, 'reviewerId' | 'status'>[],
    message: {
      named: PanelMessageNotice['message'];
      hidden: PanelMessageNotice['message'];
      knownTo: readonly string[];
    },
  ): void {
    const notice = { labId, roundId: facts.round.id, proposalId: proposal.proposalId };
    this.toPanel(labId, facts, proposal, reviews, 'proposal-panel:message', {
      named: { ...notice, message: message.named },
      hidden: { ...notice, message: message.hidden },
      knownTo: message.knownTo,
    });
  }

  consensusChanged(
    labId: string,
    facts: RoundFacts,
    proposal: SubmittedProposal,
    reviews: readonly Pick<ProposalReviewEntity, 'reviewerId' | 'status'>[],
    change: ConsensusNotice['change'],
    report: {
      named: ConsensusNotice['report'];
      hidden: ConsensusNotice['report'];
      knownTo: readonly string[];
    },
  ): void {
    const notice = { labId, roundId: facts.round.id, proposalId: proposal.proposalId, change };
    this.toPanel(labId, facts, proposal, reviews, 'proposal-consensus:changed', {
      named: { ...notice, report: report.named },
      hidden: { ...notice, report: report.hidden },
      knownTo: report.knownTo,
    });
  }

  /** Organisers read the assignments again; each reviewer named reads their queue again. */
  assignmentsChanged(
    labId: string,
    facts: RoundFacts,
    change: ProposalAssignmentsNotice['change'],
    proposalIds: readonly string[],
    reviewerIds: readonly string[],
  ): void {
    const proposals = facts.proposals.filter((p) => proposalIds.includes(p.proposalId));
    const organisers =
      proposals.length === 1
        ? this.organisers(labId, facts, proposals[0])
        : this.organisers(labId, facts);
    this.live.emit(organisers, 'proposal-review:assignments', {
      labId,
      roundId: facts.round.id,
      change,
      proposalIds: [...new Set(proposalIds)],
    });
    this.queueChanged(labId, facts.round.id, reviewerIds, 'assignments');
  }

  queueChanged(
    labId: string,
    roundId: string,
    reviewerIds: readonly string[],
    change: ReviewQueueNotice['change'],
  ): void {
    const channels = [...new Set(reviewerIds)].map((id) => liveChannels.person(labId, id));
    if (channels.length > 0)
      this.live.emit(channels, 'proposal-review:queue', { labId, roundId, change });
  }

  /**
   * The round's review settings changed: organisers get them; a blind toggle or a close
   * reaches every mentor's queue; a release reaches each team with a submitted proposal.
   */
  roundChanged(
    labId: string,
    facts: RoundFacts,
    settings: ProposalReviewRoundEntity,
    changed: readonly ('blind' | 'closedAt' | 'commentsReleasedAt')[],
  ): void {
    const roundId = facts.round.id;
    this.live.emit(this.organisers(labId, facts), 'proposal-review:round', {
      labId,
      roundId,
      blind: settings.blind,
      closedAt: iso(settings.closedAt),
      commentsReleasedAt: iso(settings.commentsReleasedAt),
      version: settings.version,
    });
    if (changed.includes('blind') || changed.includes('closedAt'))
      this.queueChanged(
        labId,
        roundId,
        facts.mentors.map((m) => m.userId),
        'settings',
      );
    if (changed.includes('commentsReleasedAt'))
      for (const p of facts.proposals)
        this.live.emit(liveChannels.team(p.team.id), 'proposal-review:feedback', {
          labId,
          roundId,
          teamId: p.team.id,
        });
  }
}
