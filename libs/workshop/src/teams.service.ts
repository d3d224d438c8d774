import { Injectable } from '@nestjs/common';
import {
  AuditService,
  type BatchedRead,
  type Derived,
  derived,
  type Statement,
  TransactionRunner,
} from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService, MembershipsService } from '@ideas-lab/labs';
import { BreakoutNotices } from './breakout-notices.js';
import type { CreateTeam, TeamView } from './workshop.contract.js';
import { type TeamMemberRow, TeamsRepository, type TeamRow } from './teams.repository.js';
import { WorkshopError } from './workshop.errors.js';

/**
 * Teams of a lab's workshop: organisers set them up; members (and organisers) chat in them
 * on the live layer. Team formation from ideas and interests will fill the same tables.
 */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly access: LabAccessService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
  ) {}

  /** Organisers see every team; participants and mentors the teams they are on. */
  async list(actor: Actor, labId: string): Promise<TeamView[]> {
    const roles = await this.access.requireRole(actor, labId, [
      'participant',
      'mentor',
      'organiser',
    ]);
    return this.viewsOf(labId, actor.userId, actor.isAdmin || roles.includes('organiser'));
  }

  async create(actor: Actor, labId: string, dto: CreateTeam): Promise<TeamView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const name = dto.name.trim();
    const memberIds = [...new Set(dto.memberIds)];
    return this.tx.run(async () => {
      const people = new Set(
        (await this.memberships.members(labId))
          .filter((m) => m.role === 'participant' || m.role === 'mentor')
          .map((m) => m.userId),
      );
      const wrong = dto.memberIds.map((id, i) => ({ id, i })).filter(({ id }) => !people.has(id));
      if (wrong.length > 0)
        throw new WorkshopError(
          'TEAM_MEMBER_INVALID',
          'Team members must be participants or mentors of the lab.',
          wrong.map(({ i }) => ({
            field: `memberIds.${i}`,
            message: 'not a participant or mentor of this lab',
          })),
        );
      const id = await this.teams.insert({ labId, name, createdBy: actor.userId, memberIds });
      if (!id)
        throw new WorkshopError('TEAM_NAME_TAKEN', `The lab already has a team called "${name}".`, [
          { field: 'name', message: 'taken in this lab' },
        ]);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'workshop.team_created',
        entityType: 'team',
        entityId: id,
        data: { name, memberIds },
      });
      await this.notices.publish({ kind: 'team-created', labId, teamId: id });
      const view = (await this.viewsOf(labId, actor.userId, true)).find((t) => t.id === id);
      return view!;
    });
  }

  /** The teams someone sees (every team for organisers, or with no one named), with members. */
  async viewsOf(labId: string, userId: string | null, everyTeam: boolean): Promise<TeamView[]> {
    return (await this.tx.readAll({ teams: this.viewsRead(labId, userId, everyTeam) })).teams;
  }

  /** `viewsOf` as a read to batch with others: teams and members in one statement. */
  viewsRead(labId: string, userId: string | null, everyTeam: boolean): BatchedRead<TeamView[]> {
    const memberId = everyTeam ? null : userId;
    return teamViews(
      this.teams.teamsIn(labId, memberId),
      this.teams.membersOfTeamsIn(labId, memberId),
    );
  }

  /**
   * For a live handshake, before it knows the person's roles: the teams they see (every team
   * if they organise the lab or are an admin, else their own), decided by the statement.
   */
  viewsSeenBy(labId: string, userId: string, isAdmin: boolean): BatchedRead<TeamView[]> {
    return teamViews(
      this.teams.teamsSeenBy(labId, userId, isAdmin),
      this.teams.membersOfTeamsSeenBy(labId, userId, isAdmin),
    );
  }

  /**
   * For a live handshake: the ids of the teams someone is on, taken by the same batch from the
   * members a `viewsSeenBy` read finds (their chat channels depend on them).
   */
  teamIdsIn(views: BatchedRead<TeamView[]>, userId: string): Derived<string[]> {
    return derived(
      views.statements[1],
      `coalesce(array_agg(DISTINCT "teamId") FILTER (WHERE "userId" = $1), '{}')`,
      [userId],
    );
  }

  /** For the live layer: one team of the lab with its members; null when there is none. */
  async viewOfTeam(labId: string, teamId: string): Promise<TeamView | null> {
    return (await this.viewsOf(labId, null, true)).find((t) => t.id === teamId) ?? null;
  }

  /** For the live layer: is this a team of the lab, and is someone on it. */
  async membership(
    labId: string,
    teamId: string,
    userId: string,
  ): Promise<{ exists: boolean; member: boolean }> {
    if (!(await this.teams.existsInLab(labId, teamId))) return { exists: false, member: false };
    return { exists: true, member: await this.teams.isMember(labId, teamId, userId) };
  }
}

/** Teams with their members, from a statement of teams and one of their members. */
function teamViews(
  teams: Statement<TeamRow>,
  members: Statement<TeamMemberRow>,
): BatchedRead<TeamView[]> {
  return {
    statements: [teams, members],
    read: ([teamRows, memberRows]) => {
      const byTeam = new Map<string, TeamView['members']>();
      for (const m of memberRows as TeamMemberRow[]) {
        const list = byTeam.get(m.teamId) ?? [];
        list.push({ userId: m.userId, displayName: m.displayName });
        byTeam.set(m.teamId, list);
      }
      return (teamRows as TeamRow[]).map((t) => ({
        id: t.id,
        name: t.name,
        members: byTeam.get(t.id) ?? [],
        createdAt: t.createdAt.toISOString(),
      }));
    },
  };
}
