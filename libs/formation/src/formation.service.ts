import { Injectable } from '@nestjs/common';
import {
  describePlacement,
  explainPlacements,
  findTeamRuleViolations,
  teamComposition,
  type Actor,
  type TeamRuleViolation,
} from '@ideas-lab/domain';
import { LabAccessService, MembershipsService } from '@ideas-lab/labs';
import { TransactionRunner } from '@ideas-lab/platform';
import { TeamRosterService, type RosterTeamRow } from '@ideas-lab/workshop';
import type {
  BoardTeam,
  FormationBoard,
  FormationOverview,
  FormationPerson,
  MyInterests,
  MyTeam,
  PutMyInterests,
} from './formation.contract.js';
import { FormationError } from './formation.errors.js';
import { FormationRepository } from './formation.repository.js';
import {
  domainRules,
  FormationContextReader,
  formationTeams,
  locksOf,
  namesOf,
  type FormationContext,
} from './formation-context.js';
import { FormationLive } from './formation-live.js';
import { FormationShortlist } from './formation-shortlist.js';

/** A rule broken, as the organiser reads it. */
export const warningOf = (v: TeamRuleViolation) => ({
  rule: v.rule,
  message: v.message,
  participantIds: v.participantIds,
});

/**
 * Team formation as participants live it: their interests (private), the self-organised board
 * (join or leave a forming team around a shortlisted idea), their team and why they are on it;
 * and the organisers' overview of who has no team and what each team lacks.
 */
@Injectable()
export class FormationService {
  constructor(
    private readonly store: FormationRepository,
    private readonly reader: FormationContextReader,
    private readonly shortlist: FormationShortlist,
    private readonly roster: TeamRosterService,
    private readonly access: LabAccessService,
    private readonly memberships: MembershipsService,
    private readonly tx: TransactionRunner,
    private readonly live: FormationLive,
  ) {}

  // ---- interests (a participant's own; nobody else reads them over HTTP) ---------------------

  async myInterests(actor: Actor, labId: string): Promise<MyInterests> {
    await this.access.requireRole(actor, labId, ['participant']);
    return this.interestsView(actor, labId);
  }

  async putMyInterests(actor: Actor, labId: string, body: PutMyInterests): Promise<MyInterests> {
    await this.access.requireRole(actor, labId, ['participant']);
    const settings = await this.reader.settingsOf(actor, labId);
    if (!settings.open) throw FormationError.notOpen();
    const shortlist = new Set(
      (await this.shortlist.shortlistedIdeas(labId)).map((idea) => idea.id),
    );
    const participants = new Set(
      (await this.memberships.members(labId, { role: 'participant' })).map((m) => m.userId),
    );
    const problems = [
      ...Object.keys(body.ratings)
        .filter((ideaId) => !shortlist.has(ideaId))
        .map((ideaId) => ({
          field: `ratings.${ideaId}`,
          message: 'not a shortlisted idea of this lab',
        })),
      ...(['wants', 'avoids'] as const).flatMap((field) =>
        body[field]
          .map((id, i) => ({ id, i }))
          .filter(({ id }) => !participants.has(id) || id === actor.userId)
          .map(({ i }) => ({
            field: `${field}.${i}`,
            message: 'must be another participant of this lab',
          })),
      ),
      ...body.wants
        .map((id, i) => ({ id, i }))
        .filter(({ id }) => body.avoids.includes(id))
        .map(({ i }) => ({
          field: `wants.${i}`,
          message: 'also named as someone you would rather not work with',
        })),
    ];
    if (problems.length > 0)
      throw new FormationError(
        'FORMATION_INTERESTS_INVALID',
        'Some of your answers cannot be used.',
        problems,
      );
    const saved = await this.store.saveInterests({
      labId,
      userId: actor.userId,
      ratings: body.ratings,
      wants: [...new Set(body.wants)],
      avoids: [...new Set(body.avoids)],
      skills: [...new Set(body.skills.map((s) => s.trim()))],
      version: body.version,
    });
    if (!saved) {
      throw new FormationError(
        'FORMATION_INTERESTS_VERSION_CONFLICT',
        'Your interests were changed elsewhere (another tab?): here they are as saved; make your change again.',
        { current: await this.interestsView(actor, labId) },
      );
    }
    return this.interestsView(actor, labId);
  }

  /** Participants of the lab found by name (to name people one wants, or would rather not, work with). */
  async people(actor: Actor, labId: string, q: string | undefined): Promise<FormationPerson[]> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const found = await this.memberships.members(labId, {
      role: 'participant',
      search: q || undefined,
    });
    return found
      .filter((m) => m.userId !== actor.userId)
      .slice(0, 20)
      .map((m) => ({ userId: m.userId, displayName: m.displayName }));
  }

  private async interestsView(actor: Actor, labId: string): Promise<MyInterests> {
    const [row, settings, shortlist, people] = [
      await this.store.findInterestsOf(labId, actor.userId),
      await this.reader.settingsOf(actor, labId),
      await this.shortlist.shortlistedIdeas(labId),
      await this.memberships.members(labId, { role: 'participant' }),
    ];
    const nameOf = new Map(people.map((p) => [p.userId, p.displayName]));
    const named = (ids: readonly string[]) =>
      ids
        .filter((id) => nameOf.has(id))
        .map((id) => ({ userId: id, displayName: nameOf.get(id)! }));
    return {
      labId,
      version: row?.version ?? 0,
      ratings: row?.ratings ?? {},
      wants: named(row?.wants ?? []),
      avoids: named(row?.avoids ?? []),
      skills: row?.skills ?? [],
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
      shortlist,
      open: settings.open,
    };
  }

  // ---- the self-organised board ---------------------------------------------------------------

  async board(actor: Actor, labId: string): Promise<FormationBoard> {
    await this.access.requireRole(actor, labId, ['participant', 'mentor', 'organiser']);
    const context = await this.reader.read(actor, labId);
    const teams = formationTeams(context);
    return {
      labId,
      open: context.settings.open,
      shortlist: context.shortlist,
      teams: teams.map((team) => this.boardTeam(context, team)),
      myTeamId: teams.find((team) => team.memberIds.includes(actor.userId))?.id ?? null,
      teamSize: context.settings.rules.teamSize,
    };
  }

  async join(actor: Actor, labId: string, ideaId: string): Promise<FormationBoard> {
    await this.access.requireRole(actor, labId, ['participant']);
    const context = await this.reader.read(actor, labId);
    if (!context.settings.open) throw FormationError.notOpen();
    const idea = context.shortlist.find((candidate) => candidate.id === ideaId);
    if (!idea)
      throw new FormationError(
        'FORMATION_IDEA_NOT_SHORTLISTED',
        'There is no such shortlisted idea in this lab.',
      );
    if (!context.participants.some((p) => p.id === actor.userId))
      throw new FormationError(
        'FORMATION_MOVE_INVALID',
        'Only participants join teams; mentors accompany them.',
      );
    const size = context.settings.rules.teamSize;
    await this.tx.run(async () => {
      const outcome = await this.roster.join({
        labId,
        ideaId,
        ideaTitle: idea.title,
        userId: actor.userId,
        minSize: size?.min ?? null,
        maxSize: size?.max ?? null,
      });
      if (!outcome.ok) {
        if (outcome.reason === 'formed')
          throw new FormationError(
            'FORMATION_TEAM_NOT_FORMING',
            `You are on "${outcome.team.name}", which the organisers locked as formed: ask them to change it.`,
          );
        throw outcome.reason === 'full'
          ? new FormationError(
              'FORMATION_TEAM_FULL',
              `"${outcome.team.name}" is full (${outcome.team.maxSize} people).`,
            )
          : new FormationError(
              'FORMATION_TEAM_NOT_FORMING',
              `"${outcome.team.name}" is already formed: the organisers locked it.`,
            );
      }
      await this.announceLeft(context, labId, actor.userId, outcome.leftTeamIds);
      this.live.teamChanged(labId, outcome.team);
      this.live.joinedChat(labId, actor.userId, {
        id: outcome.team.id,
        name: outcome.team.name,
        members: this.namedPeople(context, outcome.team.memberIds),
      });
    });
    return this.board(actor, labId);
  }

  async leave(actor: Actor, labId: string): Promise<FormationBoard> {
    await this.access.requireRole(actor, labId, ['participant']);
    const context = await this.reader.read(actor, labId);
    if (!context.settings.open) throw FormationError.notOpen();
    await this.tx.run(async () => {
      const left = await this.roster.leave(labId, actor.userId);
      await this.announceLeft(context, labId, actor.userId, left);
    });
    return this.board(actor, labId);
  }

  private async announceLeft(
    context: FormationContext,
    labId: string,
    userId: string,
    teamIds: string[],
  ) {
    for (const teamId of teamIds) {
      const before = context.teams.find((team) => team.id === teamId);
      const after = await this.roster.teamOf(labId, teamId);
      this.live.teamChanged(
        labId,
        after,
        before && { id: before.id, ideaId: before.ideaId, name: before.name },
      );
      this.live.leftChat(labId, userId, teamId);
    }
  }

  // ---- my team -----------------------------------------------------------------------------

  async myTeam(actor: Actor, labId: string): Promise<MyTeam> {
    await this.access.requireRole(actor, labId, ['participant']);
    const context = await this.reader.read(actor, labId);
    const rank = { confirmed: 0, locked: 1, forming: 2 } as const;
    const team = context.teams
      .filter((t) => t.memberIds.includes(actor.userId))
      .sort((a, b) => rank[a.status] - rank[b.status])[0];
    if (!team) return { team: null, why: [] };
    const idea = context.shortlist.find((candidate) => candidate.id === team.ideaId) ?? null;
    const nameOf = this.nameOf(context);
    return {
      team: {
        id: team.id,
        name: team.name,
        status: team.status,
        idea,
        members: this.namedPeople(context, team.memberIds),
        lead: team.leadId ? { userId: team.leadId, displayName: nameOf(team.leadId) } : null,
        mentor: team.mentorId
          ? { userId: team.mentorId, displayName: nameOf(team.mentorId) }
          : null,
        chatChannel: `team:${team.id}`,
      },
      why: team.ideaId
        ? this.why(context, actor.userId, team.ideaId, idea?.title ?? team.name)
        : [],
    };
  }

  /** Why someone is on the team of this idea, in words (their own interest, who asked, which rule). */
  private why(
    context: FormationContext,
    userId: string,
    ideaId: string,
    ideaTitle: string,
  ): string[] {
    const teams = formationTeams(context).map((team) => ({
      ideaId: team.ideaId!,
      memberIds: team.memberIds,
    }));
    const { rules } = domainRules(context.settings.rules);
    try {
      const explanation = explainPlacements({
        participants: context.participants,
        teams,
        rules,
        mentorIds: context.mentors.map((m) => m.userId),
        // Their own team's lock would only say "the organisers placed you": explain the choice.
        locks: locksOf(context).filter((lock) => lock.ideaId !== ideaId),
      }).find((e) => e.participantId === userId && e.ideaId === ideaId);
      return explanation
        ? describePlacement({ explanation, ideaTitle, nameOf: this.nameOf(context) })
        : [];
    } catch {
      // Teams set up by hand may not fit the optimiser's picture (someone on two teams): say nothing.
      return [];
    }
  }

  // ---- the organisers' overview --------------------------------------------------------------

  async overview(actor: Actor, labId: string): Promise<FormationOverview> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const context = await this.reader.read(actor, labId);
    const teams = formationTeams(context);
    const { rules } = domainRules(context.settings.rules);
    let violations: TeamRuleViolation[] = [];
    try {
      violations = findTeamRuleViolations({
        participants: context.participants,
        ideas: context.shortlist.map((idea) => ({ id: idea.id })),
        teams: teams.map((team) => ({ ideaId: team.ideaId!, memberIds: team.memberIds })),
        rules,
        mentorIds: context.mentors.map((m) => m.userId),
        names: namesOf(context),
      });
    } catch {
      violations = [];
    }
    const placed = new Set(teams.flatMap((team) => team.memberIds));
    const nameOf = this.nameOf(context);
    const byId = new Map(context.participants.map((p) => [p.id, p]));
    return {
      labId,
      settings: context.settings,
      shortlist: context.shortlist,
      teams: teams.map((team) => {
        const composition = teamComposition({
          ideaId: team.ideaId!,
          members: team.memberIds.flatMap((id) => byId.get(id) ?? []),
        });
        return {
          ...this.boardTeam(context, team),
          lead: team.leadId ? { userId: team.leadId, displayName: nameOf(team.leadId) } : null,
          mentor: team.mentorId
            ? { userId: team.mentorId, displayName: nameOf(team.mentorId) }
            : null,
          composition: {
            size: composition.size,
            disciplines: composition.disciplines,
            careerStages: composition.careerStages,
            interestCounts: composition.interestCounts,
            meanInterest: composition.meanInterest,
          },
          lacks: violations
            .filter((v) => v.ideaId === team.ideaId && v.rule !== 'separateAvoidedPairs')
            .map((v) => v.message),
        };
      }),
      unassigned: context.participants
        .filter((p) => !placed.has(p.id))
        .map((p) => ({ userId: p.id, displayName: p.displayName })),
      participants: context.participants.length,
      interestsStated: context.interests.filter((row) => byId.has(row.userId)).length,
      mentors: context.mentors,
      warnings: violations
        .filter((v) => v.ideaId === null && v.rule !== 'assignment')
        .map(warningOf),
    };
  }

  // ---- shared views ------------------------------------------------------------------------

  private boardTeam(context: FormationContext, team: RosterTeamRow): BoardTeam {
    return {
      id: team.id,
      ideaId: team.ideaId,
      name: team.name,
      status: team.status,
      members: this.namedPeople(context, team.memberIds),
      memberCount: team.memberIds.length,
      maxSize: team.maxSize,
      version: team.version,
    };
  }

  private nameOf(context: FormationContext): (id: string) => string {
    const names = new Map<string, string>([
      ...context.participants.map((p) => [p.id, p.displayName] as [string, string]),
      ...context.mentors.map((m) => [m.userId, m.displayName] as [string, string]),
    ]);
    return (id) => names.get(id) ?? 'someone who left the lab';
  }

  private namedPeople(context: FormationContext, ids: readonly string[]): FormationPerson[] {
    const nameOf = this.nameOf(context);
    return ids
      .map((id) => ({ userId: id, displayName: nameOf(id) }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
