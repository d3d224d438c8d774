import { Injectable } from '@nestjs/common';
import {
  budgetTotalMinor,
  compareProposalContents,
  decideProposalDeadline,
  emptyProposalContent,
  formatInTimezone,
  proposalSubmissionProblems,
  type Actor,
  type ProposalContent,
} from '@ideas-lab/domain';
import { liveChannels, LivePublisher, type ProposalActivity } from '@ideas-lab/live';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { TeamsService, type TeamView } from '@ideas-lab/workshop';
import type { FundingRoundEntity } from './entities/funding-round.entity.js';
import type { FundingRoundTeamEntity } from './entities/funding-round-team.entity.js';
import type { ProposalEntity } from './entities/proposal.entity.js';
import { FundingRoundsService, type RoundContext } from './funding-rounds.service.js';
import { proposalStatusOf } from './proposal-status.js';
import type {
  ProposalComparison,
  ProposalSummary,
  ProposalVersionSummary,
  ProposalVersionView,
  ProposalView,
  SaveProposal,
  SubmitProposal,
} from './proposals.contract.js';
import { ProposalsError } from './proposals.errors.js';
import { ProposalsRepository, type ProposalVersionRow } from './proposals.repository.js';

/** A submitted proposal as review and funding read it: the submitted version and the team. */
export interface SubmittedProposal {
  proposalId: string;
  roundId: string;
  team: { id: string; name: string; members: { userId: string; displayName: string }[] };
  submittedVersion: number;
  submittedAt: string;
  title: string;
  challengeArea: string;
  /** Major units. */
  budgetTotal: number;
}

/** How the caller reads a team's proposal: its members and organisers every version, mentors the submitted one. */
type Reader = 'member' | 'organiser' | 'mentor';

interface TeamInRound extends RoundContext {
  team: TeamView;
  reader: Reader;
  standing: FundingRoundTeamEntity | null;
}

const fromMinor = (minor: string | number) => Number(minor) / 100;
const person = (row: { authorId: string | null; authorName: string | null }) =>
  row.authorId ? { userId: row.authorId, displayName: row.authorName ?? '' } : null;

/**
 * Team proposals to funding rounds: every member edits, each save is a new version based on
 * the one its author read (an older base is refused, never overwritten), submitted and
 * resubmitted until the team's deadline. Teammates see saves arrive on the team's channel.
 */
/** A proposal as its team submitted it, with its content (see submittedContentsOfRound). */
export interface SubmittedProposalContent {
  id: string;
  roundId: string;
  teamId: string;
  version: number;
  submittedAt: Date;
  content: ProposalContent;
  budgetTotalMinor: number;
}

@Injectable()
export class ProposalsService {
  constructor(
    private readonly proposals: ProposalsRepository,
    private readonly rounds: FundingRoundsService,
    private readonly teams: TeamsService,
    private readonly live: LivePublisher,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async get(actor: Actor, labId: string, roundId: string, teamId: string): Promise<ProposalView> {
    const scope = await this.teamInRound(actor, labId, roundId, teamId);
    const proposal = await this.proposals.findOfTeam(roundId, teamId);
    return this.view(scope, proposal);
  }

  async save(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
    dto: SaveProposal,
  ): Promise<ProposalView> {
    const scope = await this.teamInRound(actor, labId, roundId, teamId);
    this.assertMayWrite(scope);
    const content = dto.content;
    const saved = await this.tx.run(async () => {
      const startedFrom = await this.startingPoint(scope);
      const proposalId = await this.proposals.ensure({
        labId,
        roundId,
        teamId,
        startedFrom: startedFrom && {
          proposalId: startedFrom.proposal.id,
          version: startedFrom.version,
        },
      });
      const version = await this.proposals.advanceVersion(proposalId, dto.baseVersion);
      if (version === null) throw await this.conflict(scope, dto.baseVersion);
      await this.proposals.insertVersion({
        proposalId,
        version,
        content,
        budgetTotalMinor: budgetTotalMinor(content.budget),
        authorId: actor.userId,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal.saved',
        entityType: 'proposal',
        entityId: proposalId,
        data: { roundId, teamId, version, baseVersion: dto.baseVersion },
      });
      const proposal = (await this.proposals.findById(proposalId))!;
      this.announce('proposal:saved', actor, scope, proposalId, version);
      return proposal;
    });
    return this.view(scope, saved);
  }

  async submit(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
    dto: SubmitProposal,
  ): Promise<ProposalView> {
    const scope = await this.teamInRound(actor, labId, roundId, teamId);
    this.assertMayWrite(scope);
    const submitted = await this.tx.run(async () => {
      const proposal = await this.proposals.findOfTeam(roundId, teamId);
      if (!proposal || proposal.version === 0)
        throw new ProposalsError(
          'PROPOSAL_NOTHING_TO_SUBMIT',
          'Save the proposal before submitting it.',
        );
      if (proposal.version !== dto.version) throw await this.conflict(scope, dto.version);
      if (proposal.submittedVersion === dto.version) return proposal;
      const latest = (await this.proposals.findVersion(proposal.id, dto.version))!;
      const problems = proposalSubmissionProblems({
        content: latest.content,
        sections: scope.round.sections,
        awardCapMinor: Number(scope.round.awardCapMinor),
        currency: scope.round.currency,
      });
      if (problems.length > 0)
        throw new ProposalsError(
          'PROPOSAL_INCOMPLETE',
          `The proposal cannot be submitted yet: ${problems.map((p) => p.message).join('; ')}.`,
          problems,
        );
      if (!(await this.proposals.markSubmitted(proposal.id, dto.version)))
        throw await this.conflict(scope, dto.version);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'proposal.submitted',
        entityType: 'proposal',
        entityId: proposal.id,
        data: {
          roundId,
          teamId,
          version: dto.version,
          resubmission: proposal.submittedVersion !== null,
        },
      });
      this.announce('proposal:submitted', actor, scope, proposal.id, dto.version);
      return (await this.proposals.findById(proposal.id))!;
    });
    return this.view(scope, submitted);
  }

  /**
   * For the funding decision: the submitted proposals of a round as submitted (content and
   * budget total), without access checks (the funding lib checks them).
   */
  async submittedContentsOfRound(roundId: string): Promise<SubmittedProposalContent[]> {
    const submitted = (await this.proposals.findOfRound(roundId)).filter(
      (p) => p.submittedVersion !== null,
    );
    const rows = await this.proposals.findVersionsAt(
      submitted.map((p) => ({ proposalId: p.id, version: p.submittedVersion! })),
    );
    const byId = new Map(rows.map((r) => [r.proposalId, r]));
    return submitted.map((p) => {
      const row = byId.get(p.id)!;
      return {
        id: p.id,
        roundId: p.roundId,
        teamId: p.teamId,
        version: p.submittedVersion!,
        submittedAt: p.submittedAt!,
        content: row.content,
        budgetTotalMinor: Number(row.budgetTotalMinor),
      };
    });
  }

  /** The proposals of a round: organisers every one (latest version), mentors the submitted ones. */
  async listOfRound(actor: Actor, labId: string, roundId: string): Promise<ProposalSummary[]> {
    const { round, roles } = await this.rounds.context(actor, labId, roundId);
    const organiser = actor.isAdmin || roles.includes('organiser');
    if (!organiser && !roles.includes('mentor')) throw ProposalsError.roundNotFound();
    const teams = new Map((await this.teams.viewsOf(labId, null, true)).map((t) => [t.id, t]));
    const shown = (await this.proposals.findOfRound(roundId))
      .filter((p) => p.version > 0 && (organiser || p.submittedVersion !== null))
      .map((p) => ({ proposal: p, version: organiser ? p.version : p.submittedVersion! }));
    const contents = new Map(
      (
        await this.proposals.findVersionsAt(
          shown.map((s) => ({ proposalId: s.proposal.id, version: s.version })),
        )
      ).map((v) => [v.proposalId, v]),
    );
    return shown
      .map(({ proposal, version }) => {
        const row = contents.get(proposal.id)!;
        const team = teams.get(proposal.teamId);
        return {
          id: proposal.id,
          team: { id: proposal.teamId, name: team?.name ?? '' },
          status: organiser ? proposalStatusOf(proposal) : ('submitted' as const),
          version,
          submittedVersion: proposal.submittedVersion,
          submittedAt: proposal.submittedAt?.toISOString() ?? null,
          title: row.content.title,
          challengeArea: row.content.challengeArea,
          budget: this.budget(round, row.content),
        };
      })
      .sort((a, b) => (a.team.name < b.team.name ? -1 : a.team.name > b.team.name ? 1 : 0));
  }

  /**
   * For review and funding (no caller check: they check their own access): the round's
   * submitted proposals as reviewers read them (the submitted version), with the team's
   * members, ordered by team name.
   */
  async submittedOfRound(labId: string, roundId: string): Promise<SubmittedProposal[]> {
    const round = await this.rounds.findRound(labId, roundId);
    if (!round) return [];
    const teams = new Map((await this.teams.viewsOf(labId, null, true)).map((t) => [t.id, t]));
    const submitted = (await this.proposals.findOfRound(roundId)).filter(
      (p) => p.submittedVersion !== null,
    );
    const contents = new Map(
      (
        await this.proposals.findVersionsAt(
          submitted.map((p) => ({ proposalId: p.id, version: p.submittedVersion! })),
        )
      ).map((v) => [v.proposalId, v]),
    );
    return submitted
      .map((proposal) => {
        const content = contents.get(proposal.id)!.content;
        const team = teams.get(proposal.teamId);
        return {
          proposalId: proposal.id,
          roundId,
          team: {
            id: proposal.teamId,
            name: team?.name ?? '',
            members: (team?.members ?? []).map((m) => ({
              userId: m.userId,
              displayName: m.displayName,
            })),
          },
          submittedVersion: proposal.submittedVersion!,
          submittedAt: proposal.submittedAt!.toISOString(),
          title: content.title,
          challengeArea: content.challengeArea,
          budgetTotal: budgetTotalMinor(content.budget) / 100,
        };
      })
      .sort((a, b) => (a.team.name < b.team.name ? -1 : a.team.name > b.team.name ? 1 : 0));
  }

  async versions(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
  ): Promise<ProposalVersionSummary[]> {
    const { proposal } = await this.readableHistory(actor, labId, roundId, teamId);
    return (await this.proposals.findVersionsOf(proposal.id)).map((row) =>
      this.versionSummary(row, proposal),
    );
  }

  async version(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
    version: number,
  ): Promise<ProposalVersionView> {
    const { proposal } = await this.readableHistory(actor, labId, roundId, teamId);
    const row = await this.requireVersion(proposal.id, version);
    return {
      version: row.version,
      author: person(row),
      savedAt: new Date(row.createdAt).toISOString(),
      content: row.content,
      budgetTotal: fromMinor(row.budgetTotalMinor),
    };
  }

  /** Two versions section by section: which changed, and each side as text. */
  async compare(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
    from: number,
    to: number,
  ): Promise<ProposalComparison> {
    const { proposal } = await this.readableHistory(actor, labId, roundId, teamId);
    const before = await this.requireVersion(proposal.id, from);
    const after = await this.requireVersion(proposal.id, to);
    return {
      from: this.versionSummary(before, proposal),
      to: this.versionSummary(after, proposal),
      sections: compareProposalContents(before.content, after.content),
    };
  }

  /**
   * The round, the team and how the caller reads it. Someone on another team learns nothing
   * of this team (404), as does anyone outside the lab (LAB_NOT_FOUND).
   */
  private async teamInRound(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
  ): Promise<TeamInRound> {
    const context = await this.rounds.context(actor, labId, roundId);
    const team = await this.teams.viewOfTeam(labId, teamId);
    if (!team) throw ProposalsError.teamNotFound();
    const reader: Reader | null = team.members.some((m) => m.userId === actor.userId)
      ? 'member'
      : actor.isAdmin || context.roles.includes('organiser')
        ? 'organiser'
        : context.roles.includes('mentor')
          ? 'mentor'
          : null;
    if (!reader) throw ProposalsError.teamNotFound();
    const standing = await this.rounds.standing(roundId, teamId);
    if (reader === 'member' && context.round.access === 'invite-only' && !standing?.invited)
      throw ProposalsError.roundNotFound();
    return { ...context, team, reader, standing };
  }

  /** Only the team writes its proposal, while its deadline (or extension) has not passed. */
  private assertMayWrite(scope: TeamInRound): void {
    if (scope.reader !== 'member')
      throw new ProposalsError(
        'PROPOSAL_TEAM_MEMBERS_ONLY',
        'Only the members of the team write its proposal.',
      );
    const decision = this.deadlineOf(scope);
    if (!decision.open)
      throw new ProposalsError('PROPOSAL_DEADLINE_PASSED', decision.message, {
        deadline: decision.deadline.toISOString(),
        deadlineInLabTimezone: formatInTimezone(decision.deadline, scope.timezone),
        timezone: scope.timezone,
        extended: decision.extended,
      });
  }

  private deadlineOf(scope: TeamInRound) {
    return decideProposalDeadline({
      dueAt: scope.round.proposalsDueAt,
      extensionUntil: scope.standing?.extensionUntil ?? null,
      now: new Date(),
      timezone: scope.timezone,
    });
  }

  /**
   * Where a team's proposal to an invite-only round starts: its proposal to the previous
   * round as last submitted (the funded one, once funding decisions exist).
   */
  private async startingPoint(
    scope: TeamInRound,
  ): Promise<{ round: FundingRoundEntity; proposal: ProposalEntity; version: number } | null> {
    const previousId = scope.round.previousRoundId;
    if (!previousId) return null;
    const previous = await this.proposals.findOfTeam(previousId, scope.team.id);
    if (!previous?.submittedVersion) return null;
    const round = await this.rounds.findRound(scope.round.labId, previousId);
    if (!round) return null;
    return { round, proposal: previous, version: previous.submittedVersion };
  }

  private async conflict(scope: TeamInRound, yourVersion: number): Promise<ProposalsError> {
    const current = await this.view(
      scope,
      await this.proposals.findOfTeam(scope.round.id, scope.team.id),
    );
    const by = current.savedBy ? ` by ${current.savedBy.displayName}` : '';
    return new ProposalsError(
      'PROPOSAL_VERSION_CONFLICT',
      `Someone saved the proposal since you opened it: you edited version ${yourVersion}, it is now version ${current.latestVersion}${by}. Your text is kept; compare it with theirs and save again.`,
      { yourVersion, currentVersion: current.latestVersion, current },
    );
  }

  /** Tell the team's channel; the publisher sends it once the transaction commits, never after a rollback. */
  private announce(
    event: 'proposal:saved' | 'proposal:submitted',
    actor: Actor,
    scope: TeamInRound,
    proposalId: string,
    version: number,
  ): void {
    const me = scope.team.members.find((m) => m.userId === actor.userId);
    const notice: ProposalActivity = {
      labId: scope.round.labId,
      roundId: scope.round.id,
      teamId: scope.team.id,
      proposalId,
      version,
      by: { userId: actor.userId, displayName: me?.displayName ?? '' },
      at: new Date().toISOString(),
    };
    this.live.emit(liveChannels.team(scope.team.id), event, notice);
  }

  private async readableHistory(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
  ): Promise<{ scope: TeamInRound; proposal: ProposalEntity }> {
    const scope = await this.teamInRound(actor, labId, roundId, teamId);
    const proposal = await this.proposals.findOfTeam(roundId, teamId);
    // Mentors read the submitted proposal, not how the team got there.
    if (!proposal || proposal.version === 0 || scope.reader === 'mentor')
      throw ProposalsError.proposalNotFound();
    return { scope, proposal };
  }

  private async requireVersion(proposalId: string, version: number): Promise<ProposalVersionRow> {
    const row = await this.proposals.findVersion(proposalId, version);
    if (!row)
      throw new ProposalsError(
        'PROPOSAL_VERSION_NOT_FOUND',
        `The proposal has no version ${version}.`,
      );
    return row;
  }

  private versionSummary(
    row: ProposalVersionRow,
    proposal: ProposalEntity,
  ): ProposalVersionSummary {
    return {
      version: row.version,
      author: person(row),
      savedAt: new Date(row.createdAt).toISOString(),
      title: row.content.title,
      budgetTotal: fromMinor(row.budgetTotalMinor),
      submitted: proposal.submittedVersion === row.version,
    };
  }

  private budget(round: FundingRoundEntity, content: ProposalContent) {
    const total = budgetTotalMinor(content.budget);
    return {
      total: total / 100,
      cap: fromMinor(round.awardCapMinor),
      currency: round.currency,
      overCap: total > Number(round.awardCapMinor),
    };
  }

  private async view(scope: TeamInRound, proposal: ProposalEntity | null): Promise<ProposalView> {
    const { round, team, reader } = scope;
    const deadline = this.deadlineOf(scope);
    const eligible = round.access === 'open' || (scope.standing?.invited ?? false);
    const shownVersion =
      reader === 'mentor' ? (proposal?.submittedVersion ?? 0) : (proposal?.version ?? 0);
    if (reader === 'mentor' && shownVersion === 0) throw ProposalsError.proposalNotFound();
    const row =
      proposal && shownVersion > 0
        ? await this.proposals.findVersion(proposal.id, shownVersion)
        : null;
    const start = row ? null : await this.startingPoint(scope);
    const startContent = start
      ? (await this.proposals.findVersion(start.proposal.id, start.version))!.content
      : emptyProposalContent();
    const content = row?.content ?? startContent;
    const startedFromId = proposal?.startedFromProposalId ?? start?.proposal.id ?? null;
    const startedFromRound =
      start?.round ??
      (proposal?.startedFromProposalId && round.previousRoundId
        ? await this.rounds.findRound(round.labId, round.previousRoundId)
        : null);
    return {
      id: proposal?.id ?? null,
      labId: round.labId,
      roundId: round.id,
      team: {
        id: team.id,
        name: team.name,
        members: team.members.map((m) => ({ userId: m.userId, displayName: m.displayName })),
      },
      status:
        reader === 'mentor'
          ? 'submitted'
          : proposalStatusOf(proposal ?? { version: 0, submittedVersion: null }),
      version: shownVersion,
      latestVersion: reader === 'mentor' ? shownVersion : (proposal?.version ?? 0),
      submittedVersion: proposal?.submittedVersion ?? null,
      submittedAt: proposal?.submittedAt?.toISOString() ?? null,
      content,
      budget: this.budget(round, content),
      savedBy: row ? person(row) : null,
      savedAt: row ? new Date(row.createdAt).toISOString() : null,
      deadline: deadline.deadline.toISOString(),
      deadlineInLabTimezone: formatInTimezone(deadline.deadline, scope.timezone),
      extended: deadline.extended,
      open: deadline.open,
      canEdit: reader === 'member' && eligible && deadline.open,
      problems: proposalSubmissionProblems({
        content,
        sections: round.sections,
        awardCapMinor: Number(round.awardCapMinor),
        currency: round.currency,
      }),
      startedFrom:
        startedFromId && startedFromRound
          ? {
              roundId: startedFromRound.id,
              roundName: startedFromRound.name,
              proposalId: startedFromId,
              version: proposal?.startedFromVersion ?? start!.version,
            }
          : null,
    };
  }
}
