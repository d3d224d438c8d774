import { Injectable } from '@nestjs/common';
import {
  aggregateScores,
  PROPOSAL_CONFLICT_REASON_LABELS,
  REVIEW_COMMENT_MAX_CHARACTERS,
  reviewProblems,
  type Actor,
  type ReviewCriterion,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { TeamsService } from '@ideas-lab/workshop';
import type {
  MyProposalReview,
  ProposalFeedback,
  ProposalReviewQueue,
  ProposalReviewRoundCommand,
  ProposalReviewRoundView,
  ProposalReviewsOfProposal,
  ProposalToReview,
  SaveProposalReview,
  UpdateProposalReviewRound,
} from './proposal-review.contract.js';
import type {
  ProposalReviewEntity,
  ProposalReviewState,
} from './entities/proposal-review.entity.js';
import type { ProposalReviewRoundEntity } from './entities/proposal-review-round.entity.js';
import {
  assertProposalReviewPhase,
  ProposalReviewFacts,
  type RoundFacts,
} from './proposal-review-facts.js';
import { ProposalReviewNotices } from './proposal-review-notices.js';
import { progressOf } from './proposal-review-progress.js';
import { ProposalReviewRepository } from './proposal-review.repository.js';
import { ProposalReviewError } from './proposal-review.errors.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a submission still needs: unscored criteria (by label) and the confidence. */
export function missingForSubmission(
  criteria: readonly ReviewCriterion[],
  review: Pick<ProposalReviewEntity, 'scores' | 'confidence'>,
): string[] {
  const missing = criteria
    .filter((c) => review.scores[c.id] === undefined || review.scores[c.id] === null)
    .map((c) => c.label);
  if (review.confidence === null) missing.push('Confidence');
  return missing;
}

/**
 * The reviews of a round's proposals: the mentor's queue, writing (draft, submit, revise until
 * review closes, each submission kept), others' reviews after one's own, the organisers'
 * overview, closing review and releasing the comments to the teams, and what a team sees.
 */
@Injectable()
export class ProposalReviewsService {
  constructor(
    private readonly repository: ProposalReviewRepository,
    private readonly facts: ProposalReviewFacts,
    private readonly teams: TeamsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly notices: ProposalReviewNotices,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  // ---- organisers ----

  async overview(actor: Actor, labId: string, roundId: string): Promise<ProposalReviewRoundView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const facts = await this.facts.read(labId, roundId);
    const settings = await this.repository.ensureRound(labId, roundId);
    return this.overviewOf(facts, settings);
  }

  async update(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: UpdateProposalReviewRound,
  ): Promise<ProposalReviewRoundView> {
    return this.changeRound(
      actor,
      labId,
      roundId,
      dto.version,
      'proposal_review.settings_changed',
      (s) => {
        if (s.closedAt && dto.blind !== undefined && dto.blind !== s.blind) throw this.closed();
        return dto.blind === undefined ? {} : { blind: dto.blind };
      },
    );
  }

  /** Close review: reviews no longer change; the ranking stands on the submitted ones. */
  async close(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: ProposalReviewRoundCommand,
  ): Promise<ProposalReviewRoundView> {
    return this.changeRound(actor, labId, roundId, dto.version, 'proposal_review.closed', (s) =>
      s.closedAt ? {} : { closedAt: new Date() },
    );
  }

  /** Release the comments to the teams (comments to the team only, never who wrote them). */
  async release(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: ProposalReviewRoundCommand,
  ): Promise<ProposalReviewRoundView> {
    return this.changeRound(
      actor,
      labId,
      roundId,
      dto.version,
      'proposal_review.comments_released',
      (s) => (s.commentsReleasedAt ? {} : { commentsReleasedAt: new Date() }),
    );
  }

  private async changeRound(
    actor: Actor,
    labId: string,
    roundId: string,
    version: number,
    action: string,
    changes: (
      settings: ProposalReviewRoundEntity,
    ) => Partial<Pick<ProposalReviewRoundEntity, 'blind' | 'closedAt' | 'commentsReleasedAt'>>,
  ): Promise<ProposalReviewRoundView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    await this.facts.requireRound(labId, roundId);
    return this.tx.run(async () => {
      await this.repository.lockRound(roundId);
      const settings = await this.repository.ensureRound(labId, roundId);
      if (settings.version !== version) throw this.roundVersionConflict(settings.version);
      const change = changes(settings);
      if (Object.keys(change).length > 0) {
        await this.repository.updateRoundIfVersion(roundId, version, {
          ...change,
          updatedBy: actor.userId,
        });
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action,
          entityType: 'funding_round',
          entityId: roundId,
          data: Object.fromEntries(
            Object.entries(change).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
          ),
        });
      }
      const facts = await this.facts.read(labId, roundId);
      const now = (await this.repository.findRound(roundId))!;
      const changed = Object.keys(change) as (keyof typeof change)[];
      if (changed.length > 0) this.notices.roundChanged(labId, facts, now, changed);
      return this.overviewOf(facts, now);
    });
  }

  private roundVersionConflict(current: number): ProposalReviewError {
    return new ProposalReviewError(
      'PROPOSAL_REVIEW_ROUND_VERSION_CONFLICT',
      "Someone changed this round's review meanwhile; read it again and retry.",
      { currentVersion: current },
    );
  }

  private async overviewOf(
    facts: RoundFacts,
    settings: ProposalReviewRoundEntity,
  ): Promise<ProposalReviewRoundView> {
    const rows = await this.repository.findOfRound(facts.round.id);
    const reports = new Map(
      (await this.repository.findReportsOf(facts.proposals.map((p) => p.proposalId))).map((r) => [
        r.proposalId,
        r,
      ]),
    );
    const name = new Map(facts.staff.map((s) => [s.userId, s.displayName]));
    const ofProposal = (id: string) => rows.filter((r) => r.proposalId === id);
    return {
      roundId: facts.round.id,
      roundName: facts.round.name,
      blind: settings.blind,
      closedAt: iso(settings.closedAt),
      commentsReleasedAt: iso(settings.commentsReleasedAt),
      version: settings.version,
      rubric: facts.round.rubric,
      progress: progressOf(
        rows
          .filter((r) => facts.proposals.some((p) => p.proposalId === r.proposalId))
          .map((r) => r.status),
      ),
      proposals: facts.proposals.map((p) => {
        const report = reports.get(p.proposalId);
        return {
          proposalId: p.proposalId,
          teamId: p.team.id,
          teamName: p.team.name,
          title: p.title,
          progress: progressOf(ofProposal(p.proposalId).map((r) => r.status)),
          lead: report
            ? {
                userId: report.leadReviewerId,
                displayName: name.get(report.leadReviewerId) ?? 'A former mentor',
              }
            : null,
          recommendation: report?.recommendation ?? null,
        };
      }),
    };
  }

  // ---- reviewers ----

  async queue(actor: Actor, labId: string, roundId: string): Promise<ProposalReviewQueue> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const facts = await this.facts.read(labId, roundId);
    const settings = await this.repository.findRound(roundId);
    const mine = await this.repository.findOfReviewer(roundId, actor.userId);
    const reports = new Map(
      (await this.repository.findReportsOf(mine.map((r) => r.proposalId))).map((r) => [
        r.proposalId,
        r,
      ]),
    );
    const order: Record<ProposalReviewState, number> = { draft: 0, assigned: 1, submitted: 2 };
    const items = mine
      .flatMap((row) => {
        const p = facts.proposals.find((x) => x.proposalId === row.proposalId);
        // A proposal no longer submitted, or one the mentor is now conflicted with, leaves the queue.
        if (!p) return [];
        if (row.status !== 'submitted' && this.facts.conflictOfAnyone(facts, actor.userId, p))
          return [];
        return [
          {
            proposalId: p.proposalId,
            teamId: p.team.id,
            teamName: p.team.name,
            title: p.title,
            challengeArea: p.challengeArea,
            status: row.status,
            revision: row.revision,
            submittedAt: iso(row.submittedAt),
            lead: reports.get(p.proposalId)?.leadReviewerId === actor.userId,
          },
        ];
      })
      .sort(
        (a, b) =>
          order[a.status] - order[b.status] ||
          a.teamName.localeCompare(b.teamName) ||
          a.proposalId.localeCompare(b.proposalId),
      );
    return {
      roundId,
      roundName: facts.round.name,
      blind: settings?.blind ?? true,
      closed: settings?.closedAt != null,
      progress: progressOf(items.map((i) => i.status)),
      items,
    };
  }

  async open(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<ProposalToReview> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const facts = await this.facts.read(labId, roundId);
    const { proposal, review } = await this.assigned(actor, facts, proposalId, false);
    const settings = await this.repository.findRound(roundId);
    const conflict = this.facts.conflictOfAnyone(facts, actor.userId, proposal);
    return {
      proposalId,
      roundId,
      teamId: proposal.team.id,
      teamName: proposal.team.name,
      title: proposal.title,
      challengeArea: proposal.challengeArea,
      submittedVersion: proposal.submittedVersion,
      rubric: facts.round.rubric,
      review: this.myReview(facts.round.rubric, review),
      othersVisible: this.facts.panelBar(facts, actor.userId, proposal, review) === null,
      conflict,
      conflictText: conflict ? PROPOSAL_CONFLICT_REASON_LABELS[conflict] : null,
      closed: settings?.closedAt != null,
    };
  }

  /** Save my draft: scores may be incomplete, each given one on its scale. */
  save(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: SaveProposalReview,
  ): Promise<MyProposalReview> {
    return this.write(actor, labId, roundId, proposalId, dto, false);
  }

  /** Submit (or revise) my review: every criterion scored and a confidence; every problem listed at once. */
  submit(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: SaveProposalReview,
  ): Promise<MyProposalReview> {
    return this.write(actor, labId, roundId, proposalId, dto, true);
  }

  private async write(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: SaveProposalReview,
    complete: boolean,
  ): Promise<MyProposalReview> {
    await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    assertProposalReviewPhase((await this.labs.get(actor, labId)).phase);
    const result = await this.tx.run(async () => {
      await this.repository.lockRoundShared(roundId);
      const settings = await this.repository.findRound(roundId);
      if (settings?.closedAt) throw this.closed();
      const facts = await this.facts.read(labId, roundId);
      const { proposal, review } = await this.assigned(actor, facts, proposalId, true);
      if (!complete && review.status === 'submitted')
        throw new ProposalReviewError(
          'PROPOSAL_REVIEW_ALREADY_SUBMITTED',
          'You have submitted this review: revise it by submitting it again (each submission is kept).',
        );
      const scores =
        dto.scores === undefined
          ? { ...review.scores }
          : (Object.fromEntries(Object.entries(dto.scores).filter(([, v]) => v !== null)) as Record<
              string,
              number
            >);
      const confidence = dto.confidence === undefined ? review.confidence : dto.confidence;
      const teamComment = dto.teamComment ?? review.teamComment;
      const panelComment = dto.panelComment ?? review.panelComment;
      const problems = reviewProblems({
        criteria: facts.round.rubric,
        scores,
        comment: teamComment,
        complete,
      }).map((p) => (p.field === 'comment' ? { ...p, field: 'teamComment' } : p));
      if (panelComment.length > REVIEW_COMMENT_MAX_CHARACTERS)
        problems.push({
          field: 'panelComment',
          message: `the comment has at most ${REVIEW_COMMENT_MAX_CHARACTERS} characters`,
        });
      if (complete && confidence === null)
        problems.push({ field: 'confidence', message: 'Confidence: say how sure you are, 1 to 5' });
      if (problems.length > 0)
        throw new ProposalReviewError(
          'PROPOSAL_REVIEW_INVALID',
          `${complete ? 'The review cannot be submitted yet' : 'The review cannot be saved'}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} to fix (${problems.map((p) => p.field).join(', ')}).`,
          problems,
        );
      const now = new Date();
      const revision = complete ? review.revision + 1 : review.revision;
      const changes = {
        status: complete ? ('submitted' as const) : ('draft' as const),
        scores,
        confidence,
        teamComment,
        panelComment,
        revision,
        submittedAt: complete ? now : null,
      };
      await this.repository.update(review.id, changes);
      if (complete)
        await this.repository.insertRevision({
          reviewId: review.id,
          revision,
          scores,
          confidence,
          teamComment,
          panelComment,
          submittedAt: now,
        });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: complete ? 'proposal_review.submitted' : 'proposal_review.draft_saved',
        entityType: 'proposal_review',
        entityId: review.id,
        data: {
          roundId,
          proposalId,
          ...(complete ? { revision, scores, confidence } : { scored: Object.keys(scores) }),
        },
      });
      const all = await this.repository.findOfProposal(proposalId);
      this.notices.reviewChanged(
        labId,
        facts,
        proposal,
        all,
        !complete ? 'draft' : review.status === 'submitted' ? 'revised' : 'submitted',
        progressOf(all.map((r) => r.status)),
        now,
      );
      return { ...review, ...changes, updatedAt: now };
    });
    const round = await this.facts.requireRound(labId, roundId);
    return this.myReview(round.rubric, result);
  }

  /**
   * The submitted reviews of a proposal. Organisers see them all, with names. An assigned
   * reviewer sees them only after submitting their own, and in a blind review without names;
   * one conflicted with the proposal since submitting reads only their own.
   */
  async ofProposal(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
  ): Promise<ProposalReviewsOfProposal> {
    const roles = await this.access.requireRole(actor, labId, ['organiser', 'mentor']);
    const organiser = actor.isAdmin || roles.includes('organiser');
    const facts = await this.facts.read(labId, roundId);
    const proposal = this.facts.proposal(facts, proposalId);
    if (proposal.team.members.some((m) => m.userId === actor.userId))
      throw this.conflict('team-member');
    let onlyMine = false;
    if (!organiser) {
      const { review } = await this.assigned(actor, facts, proposalId, false);
      const bar = this.facts.panelBar(facts, actor.userId, proposal, review);
      if (bar === 'not-submitted')
        throw new ProposalReviewError(
          'PROPOSAL_REVIEWS_HIDDEN_UNTIL_SUBMITTED',
          "Others' reviews of this proposal open to you once you have submitted your own.",
        );
      onlyMine = bar !== null;
    }
    const settings = await this.repository.findRound(roundId);
    const blind = settings?.blind ?? true;
    const rows = (await this.repository.findSubmittedOfProposal(proposalId)).filter(
      (r) => !onlyMine || r.reviewerId === actor.userId,
    );
    const { applications } = aggregateScores({
      rubric: { criteria: facts.round.rubric },
      reviews: rows.map((r) => ({
        applicationId: proposalId,
        reviewerId: r.reviewerId,
        scores: r.scores,
      })),
    });
    const weighted = new Map(
      (applications[0]?.reviews ?? []).map((r) => [r.reviewerId, r.weightedScore]),
    );
    const name = new Map(facts.staff.map((s) => [s.userId, s.displayName]));
    const hide = blind && !organiser;
    return {
      proposalId,
      blind,
      // Numbered over every submitted review, the reader's own included, in the order of first
      // submission: the labels of the panel, the same for every reader and kept by a revision.
      reviews: rows.map((r, i) => {
        const mine = r.reviewerId === actor.userId;
        return {
          reviewerId: hide && !mine ? null : r.reviewerId,
          reviewerName: mine
            ? (name.get(r.reviewerId) ?? 'You')
            : hide
              ? `Reviewer ${i + 1}`
              : (name.get(r.reviewerId) ?? 'A former mentor'),
          mine,
          scores: r.scores,
          confidence: r.confidence,
          teamComment: r.teamComment,
          panelComment: r.panelComment,
          weightedScore: weighted.get(r.reviewerId) ?? 0,
          revision: r.revision,
          submittedAt: r.submittedAt!.toISOString(),
        };
      }),
    };
  }

  // ---- teams ----

  /**
   * What a team reads of its proposal's review: the comments to the team, once the organisers
   * released them, labelled "Reviewer 1" … — never a panel comment, a score or a name. The
   * comments are numbered among themselves in the order the reviews were first submitted, as the
   * decision letter numbers them; not by the panel's labels, which would leave gaps where a
   * reviewer wrote nothing to the team.
   */
  async feedback(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
  ): Promise<ProposalFeedback> {
    const roles = await this.access.requireRole(actor, labId, ['participant', 'organiser']);
    const organiser = actor.isAdmin || roles.includes('organiser');
    const membership = await this.teams.membership(labId, teamId, actor.userId);
    if (!membership.exists || (!organiser && !membership.member))
      throw new ProposalReviewError(
        'PROPOSAL_REVIEW_TEAM_NOT_FOUND',
        'There is no such team of yours in this lab.',
      );
    const facts = await this.facts.read(labId, roundId);
    const settings = await this.repository.findRound(roundId);
    const released = settings?.commentsReleasedAt != null;
    const proposal = facts.proposals.find((p) => p.team.id === teamId) ?? null;
    const shown = released || organiser;
    const comments =
      proposal && shown
        ? (await this.repository.findSubmittedOfProposal(proposal.proposalId))
            .filter((r) => r.teamComment.trim() !== '')
            .map((r, i) => ({ label: `Reviewer ${i + 1}`, comment: r.teamComment }))
        : [];
    return {
      roundId,
      teamId,
      proposalId: proposal?.proposalId ?? null,
      released,
      comments,
    };
  }

  // ---- shared ----

  /** My assignment to a submitted proposal of the round; a conflict of interest closes it. */
  private async assigned(actor: Actor, facts: RoundFacts, proposalId: string, forUpdate: boolean) {
    const proposal = this.facts.proposal(facts, proposalId);
    const review = forUpdate
      ? await this.repository.findOneForUpdate(proposalId, actor.userId)
      : await this.repository.findOne(proposalId, actor.userId);
    const conflict = this.facts.conflictOfAnyone(facts, actor.userId, proposal);
    // A review submitted before a conflict arose stays readable to its author; never one on their own team.
    if (conflict && (conflict === 'team-member' || forUpdate || review?.status !== 'submitted'))
      throw this.conflict(conflict);
    if (!review) throw ProposalReviewError.notAssigned();
    return { proposal, review };
  }

  private conflict(reason: keyof typeof PROPOSAL_CONFLICT_REASON_LABELS): ProposalReviewError {
    return new ProposalReviewError(
      'PROPOSAL_REVIEW_CONFLICT_OF_INTEREST',
      `You cannot review this proposal: ${PROPOSAL_CONFLICT_REASON_LABELS[reason]}.`,
      { reason },
    );
  }

  private closed(): ProposalReviewError {
    return new ProposalReviewError(
      'PROPOSAL_REVIEW_CLOSED',
      'The organisers closed review of this round: reviews no longer change.',
    );
  }

  private myReview(
    rubric: readonly ReviewCriterion[],
    r: Pick<
      ProposalReviewEntity,
      | 'status'
      | 'scores'
      | 'confidence'
      | 'teamComment'
      | 'panelComment'
      | 'revision'
      | 'submittedAt'
      | 'updatedAt'
    >,
  ): MyProposalReview {
    return {
      status: r.status,
      scores: r.scores,
      confidence: r.confidence,
      teamComment: r.teamComment,
      panelComment: r.panelComment,
      revision: r.revision,
      submittedAt: iso(r.submittedAt),
      updatedAt: r.updatedAt.toISOString(),
      missing: missingForSubmission(rubric, r),
    };
  }
}
