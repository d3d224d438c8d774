import { Injectable } from '@nestjs/common';
import {
  decideProposalDeadline,
  formatInTimezone,
  PROPOSAL_SECTION_KEYS,
  rubricProblems,
  SECTION_LABELS,
  toMinorUnits,
  type Actor,
  type LabRole,
  type ProposalSectionKey,
  type ProposalSectionSetting,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner, type FieldProblem } from '@ideas-lab/platform';
import { TeamsService, type TeamView } from '@ideas-lab/workshop';
import type { FundingRoundEntity } from './entities/funding-round.entity.js';
import type { FundingRoundTeamEntity } from './entities/funding-round-team.entity.js';
import { FundingRoundsRepository, type FundingRoundFields } from './funding-rounds.repository.js';
import { proposalStatusOf } from './proposal-status.js';
import type {
  CreateFundingRound,
  FundingRoundTeam,
  FundingRoundView,
  GrantProposalExtension,
  UpdateFundingRound,
} from './proposals.contract.js';
import { ProposalsError } from './proposals.errors.js';
import { ProposalsRepository } from './proposals.repository.js';

/** Word limits a new round starts with; organisers change them per round. */
const DEFAULT_WORD_LIMITS: Partial<Record<ProposalSectionKey, number>> = {
  abstract: 300,
  aims: 500,
  approach: 1500,
};

export const defaultProposalSections = (): ProposalSectionSetting[] =>
  PROPOSAL_SECTION_KEYS.map((key) => ({
    key,
    label: SECTION_LABELS[key],
    guidance: '',
    wordLimit: DEFAULT_WORD_LIMITS[key] ?? null,
  }));

const fromMinor = (minor: string | number) => Number(minor) / 100;

/** A round as the proposals service needs it: the round, the lab's time zone, a team's standing. */
export interface RoundContext {
  round: FundingRoundEntity;
  timezone: string;
  roles: LabRole[];
}

/**
 * Funding rounds of a lab: organisers set them up (pool, cap, deadline, rubric, sections,
 * who may apply) and give teams extensions; the people of the workshop read them.
 */
@Injectable()
export class FundingRoundsService {
  constructor(
    private readonly rounds: FundingRoundsRepository,
    private readonly proposals: ProposalsRepository,
    private readonly teams: TeamsService,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, labId: string, dto: CreateFundingRound): Promise<FundingRoundView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const fields: FundingRoundFields = {
      name: dto.name,
      poolMinor: String(toMinorUnits(dto.pool)),
      awardCapMinor: String(toMinorUnits(dto.awardCap)),
      currency: dto.currency,
      proposalsDueAt: new Date(dto.proposalsDueAt),
      rubric: dto.rubric ?? [],
      sections: dto.sections ? tidySections(dto.sections) : defaultProposalSections(),
      access: dto.access ?? 'open',
      previousRoundId: dto.previousRoundId ?? null,
    };
    const invited = [...new Set(dto.invitedTeamIds ?? [])];
    return this.tx.run(async () => {
      await this.assertValid(labId, null, fields, invited);
      const round = await this.rounds.insert(labId, fields, actor.userId);
      if (!round) throw nameTaken(fields.name);
      await this.rounds.setInvitedTeams(round.id, invited);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.round_created',
        entityType: 'funding_round',
        entityId: round.id,
        data: {
          name: round.name,
          pool: dto.pool,
          awardCap: dto.awardCap,
          currency: round.currency,
          proposalsDueAt: round.proposalsDueAt.toISOString(),
          access: round.access,
          invitedTeamIds: invited,
        },
      });
      return this.view(actor, labId, round);
    });
  }

  async update(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: UpdateFundingRound,
  ): Promise<FundingRoundView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return this.tx.run(async () => {
      const current = await this.requireRound(labId, roundId);
      const changes: Partial<FundingRoundFields> = {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.pool !== undefined && { poolMinor: String(toMinorUnits(dto.pool)) }),
        ...(dto.awardCap !== undefined && { awardCapMinor: String(toMinorUnits(dto.awardCap)) }),
        ...(dto.currency !== undefined && { currency: dto.currency }),
        ...(dto.proposalsDueAt !== undefined && { proposalsDueAt: new Date(dto.proposalsDueAt) }),
        ...(dto.rubric !== undefined && { rubric: dto.rubric }),
        ...(dto.sections !== undefined && { sections: tidySections(dto.sections) }),
        ...(dto.access !== undefined && { access: dto.access }),
        ...(dto.previousRoundId !== undefined && { previousRoundId: dto.previousRoundId }),
      };
      const next: FundingRoundFields = { ...current, ...changes };
      const invited =
        dto.invitedTeamIds !== undefined
          ? [...new Set(dto.invitedTeamIds)]
          : (await this.rounds.findStandingsOfRound(roundId))
              .filter((s) => s.invited)
              .map((s) => s.teamId);
      await this.assertValid(labId, roundId, next, next.access === 'open' ? [] : invited);
      if (
        changes.name !== undefined &&
        (await this.rounds.findOfLab(labId)).some(
          (r) => r.id !== roundId && r.name === changes.name,
        )
      )
        throw nameTaken(changes.name);
      if (
        current.version !== dto.version ||
        !(await this.rounds.updateIfVersion(roundId, dto.version, changes))
      )
        throw versionConflict(dto.version, current.version);
      if (dto.invitedTeamIds !== undefined || next.access === 'open')
        await this.rounds.setInvitedTeams(roundId, next.access === 'open' ? [] : invited);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.round_updated',
        entityType: 'funding_round',
        entityId: roundId,
        data: { fields: Object.keys(dto).filter((k) => k !== 'version') },
      });
      return this.view(actor, labId, (await this.rounds.findInLab(labId, roundId))!);
    });
  }

  async list(actor: Actor, labId: string): Promise<FundingRoundView[]> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const views: FundingRoundView[] = [];
    for (const round of await this.rounds.findOfLab(labId)) {
      const view = await this.view(actor, labId, round);
      // A participant sees open rounds and the invite-only rounds one of their teams is invited to.
      if (
        view.access === 'open' ||
        (await this.seesEveryTeam(actor, labId)) ||
        view.teams.some((t) => t.invited)
      )
        views.push(view);
    }
    return views;
  }

  async get(actor: Actor, labId: string, roundId: string): Promise<FundingRoundView> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const round = await this.requireRound(labId, roundId);
    const view = await this.view(actor, labId, round);
    if (
      view.access === 'invite-only' &&
      !(await this.seesEveryTeam(actor, labId)) &&
      !view.teams.some((t) => t.invited)
    )
      throw ProposalsError.roundNotFound();
    return view;
  }

  /** An organiser moves one team's deadline later than the round's (or takes the extension back). */
  async grantExtension(
    actor: Actor,
    labId: string,
    roundId: string,
    teamId: string,
    dto: GrantProposalExtension,
  ): Promise<FundingRoundTeam> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const timezone = (await this.labs.get(actor, labId)).timezone;
    return this.tx.run(async () => {
      const round = await this.requireRound(labId, roundId);
      if (!(await this.teams.membership(labId, teamId, actor.userId)).exists)
        throw ProposalsError.teamNotFound();
      const until = dto.until === null ? null : new Date(dto.until);
      if (until && until.getTime() <= round.proposalsDueAt.getTime()) {
        const due = formatInTimezone(round.proposalsDueAt, timezone);
        throw new ProposalsError(
          'PROPOSAL_EXTENSION_INVALID',
          `An extension must end after the round's deadline (${due}).`,
          [{ field: 'until', message: `until must be later than ${due}` }],
        );
      }
      const before = await this.rounds.findStanding(roundId, teamId);
      await this.rounds.setExtension(roundId, teamId, until, actor.userId);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.extension_granted',
        entityType: 'funding_round',
        entityId: roundId,
        data: {
          teamId,
          until: until?.toISOString() ?? null,
          previousUntil: before?.extensionUntil?.toISOString() ?? null,
        },
      });
      const view = await this.view(actor, labId, round);
      return view.teams.find((t) => t.teamId === teamId)!;
    });
  }

  /** For the proposals service: the round and the lab's time zone, or FUNDING_ROUND_NOT_FOUND. */
  async context(actor: Actor, labId: string, roundId: string): Promise<RoundContext> {
    const roles = await this.access.requireRole(actor, labId, [
      'participant',
      'mentor',
      'organiser',
    ]);
    const timezone = (await this.labs.get(actor, labId)).timezone;
    return { round: await this.requireRound(labId, roundId), timezone, roles };
  }

  /** A team's invitation and extension in a round (none: not invited, no extension). */
  standing(roundId: string, teamId: string): Promise<FundingRoundTeamEntity | null> {
    return this.rounds.findStanding(roundId, teamId);
  }

  /** A round of the lab, or null; no access check (for the proposals service). */
  findRound(labId: string, roundId: string): Promise<FundingRoundEntity | null> {
    return this.rounds.findInLab(labId, roundId);
  }

  /** The rounds of a lab, oldest first; no access check (for the funding decision). */
  roundsOfLab(labId: string): Promise<FundingRoundEntity[]> {
    return this.rounds.findOfLab(labId);
  }

  /**
   * Invite one team to an invite-only round, or take the invitation back (the funding decision
   * invites teams to the next round). Call inside the caller's transaction; no access check.
   */
  setTeamInvited(roundId: string, teamId: string, invited: boolean): Promise<void> {
    return this.rounds.setTeamInvited(roundId, teamId, invited);
  }

  private async requireRound(labId: string, roundId: string): Promise<FundingRoundEntity> {
    const round = await this.rounds.findInLab(labId, roundId);
    if (!round) throw ProposalsError.roundNotFound();
    return round;
  }

  private async seesEveryTeam(actor: Actor, labId: string): Promise<boolean> {
    if (actor.isAdmin) return true;
    const roles = await this.access.rolesOf(actor, labId);
    return roles.includes('organiser') || roles.includes('mentor');
  }

  /** Every rule a round's settings must keep, each broken one named by its field. */
  private async assertValid(
    labId: string,
    roundId: string | null,
    fields: FundingRoundFields,
    invitedTeamIds: readonly string[],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    if (Number(fields.awardCapMinor) > Number(fields.poolMinor))
      problems.push({ field: 'awardCap', message: 'awardCap must not be more than the pool' });
    if (Number(fields.awardCapMinor) <= 0)
      problems.push({ field: 'awardCap', message: 'awardCap must be more than 0' });
    if (fields.rubric.length > 0)
      for (const p of rubricProblems(fields.rubric))
        problems.push({ field: p.field.replace(/^criteria/, 'rubric'), message: p.message });
    const keys = fields.sections.map((s) => s.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i)
        problems.push({
          field: `sections.${i}.key`,
          message: `the section ${key} is listed twice`,
        });
    });
    if (fields.access === 'open') {
      if (invitedTeamIds.length > 0)
        problems.push({
          field: 'invitedTeamIds',
          message: 'only an invite-only round invites teams',
        });
    } else {
      await this.invitationProblems(
        labId,
        roundId,
        fields.previousRoundId,
        invitedTeamIds,
        problems,
      );
    }
    if (problems.length > 0)
      throw new ProposalsError(
        'FUNDING_ROUND_INVALID',
        `The funding round has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.map((p) => p.message).join('; ')}.`,
        problems,
      );
  }

  private async invitationProblems(
    labId: string,
    roundId: string | null,
    previousRoundId: string | null,
    invitedTeamIds: readonly string[],
    problems: FieldProblem[],
  ): Promise<void> {
    const teamsOfLab = new Set((await this.teams.viewsOf(labId, null, true)).map((t) => t.id));
    invitedTeamIds.forEach((id, i) => {
      if (!teamsOfLab.has(id))
        problems.push({ field: `invitedTeamIds.${i}`, message: 'not a team of this lab' });
    });
    if (previousRoundId === null) return;
    const previous = await this.rounds.findInLab(labId, previousRoundId);
    if (!previous || previous.id === roundId) {
      problems.push({ field: 'previousRoundId', message: 'not another funding round of this lab' });
      return;
    }
    const submitted = new Set(
      (await this.proposals.findOfRound(previous.id))
        .filter((p) => p.submittedVersion !== null)
        .map((p) => p.teamId),
    );
    invitedTeamIds.forEach((id, i) => {
      if (teamsOfLab.has(id) && !submitted.has(id))
        problems.push({
          field: `invitedTeamIds.${i}`,
          message: `this team submitted no proposal to "${previous.name}"`,
        });
    });
  }

  private async view(
    actor: Actor,
    labId: string,
    round: FundingRoundEntity,
  ): Promise<FundingRoundView> {
    const timezone = (await this.labs.get(actor, labId)).timezone;
    const everyTeam = await this.seesEveryTeam(actor, labId);
    const roles = actor.isAdmin
      ? (['organiser'] as LabRole[])
      : await this.access.rolesOf(actor, labId);
    const organiser = actor.isAdmin || roles.includes('organiser');
    const teams: TeamView[] = await this.teams.viewsOf(labId, actor.userId, everyTeam);
    const standings = new Map(
      (await this.rounds.findStandingsOfRound(round.id)).map((s) => [s.teamId, s]),
    );
    const proposals = new Map(
      (await this.proposals.findOfRound(round.id)).map((p) => [p.teamId, p]),
    );
    const now = new Date();
    return {
      id: round.id,
      labId: round.labId,
      name: round.name,
      pool: fromMinor(round.poolMinor),
      awardCap: fromMinor(round.awardCapMinor),
      currency: round.currency,
      proposalsDueAt: round.proposalsDueAt.toISOString(),
      proposalsDueInLabTimezone: formatInTimezone(round.proposalsDueAt, timezone),
      timezone,
      open: now.getTime() < round.proposalsDueAt.getTime(),
      rubric: round.rubric,
      sections: round.sections.map((s) => ({
        ...s,
        guidance: s.guidance ?? '',
        wordLimit: s.wordLimit ?? null,
      })),
      access: round.access,
      previousRoundId: round.previousRoundId,
      invitedTeamIds: [...standings.values()].filter((s) => s.invited).map((s) => s.teamId),
      teams: teams.map((team) => {
        const standing = standings.get(team.id);
        const proposal = proposals.get(team.id);
        const member = team.members.some((m) => m.userId === actor.userId);
        // Mentors see a proposal once it is submitted, and only as submitted.
        const shown =
          organiser || member ? proposal : proposal?.submittedVersion ? proposal : undefined;
        const deadline = decideProposalDeadline({
          dueAt: round.proposalsDueAt,
          extensionUntil: standing?.extensionUntil ?? null,
          now,
          timezone,
        }).deadline;
        return {
          teamId: team.id,
          name: team.name,
          invited: standing?.invited ?? false,
          eligible: round.access === 'open' || (standing?.invited ?? false),
          extensionUntil: standing?.extensionUntil?.toISOString() ?? null,
          deadline: deadline.toISOString(),
          proposal: shown
            ? organiser || member
              ? {
                  id: shown.id,
                  status: proposalStatusOf(shown),
                  version: shown.version,
                  submittedVersion: shown.submittedVersion,
                  submittedAt: shown.submittedAt?.toISOString() ?? null,
                }
              : {
                  id: shown.id,
                  status: 'submitted' as const,
                  version: shown.submittedVersion!,
                  submittedVersion: shown.submittedVersion,
                  submittedAt: shown.submittedAt?.toISOString() ?? null,
                }
            : null,
        };
      }),
      version: round.version,
      createdAt: round.createdAt.toISOString(),
      updatedAt: round.updatedAt.toISOString(),
    };
  }
}

const tidySections = (
  sections: CreateFundingRound['sections'] & object,
): ProposalSectionSetting[] =>
  sections.map((s) => ({
    key: s.key,
    label: s.label.trim(),
    guidance: s.guidance?.trim() ?? '',
    wordLimit: s.wordLimit ?? null,
  }));

const nameTaken = (name: string) =>
  new ProposalsError(
    'FUNDING_ROUND_NAME_TAKEN',
    `The lab already has a funding round called "${name}".`,
    [{ field: 'name', message: 'taken in this lab' }],
  );

const versionConflict = (yours: number, current: number) =>
  new ProposalsError(
    'FUNDING_ROUND_VERSION_CONFLICT',
    `The round's settings changed since you opened them (you edited version ${yours}, it is now version ${current}). Reload them and apply your changes again.`,
    { currentVersion: current, yourVersion: yours },
  );
