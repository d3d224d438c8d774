import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { BreakoutNotices } from './breakout-notices.js';
import type { TeamStatus } from './entities/team.entity.js';
import { ParticipantProfilesRepository } from './participant-profiles.repository.js';
import { TeamRosterRepository, type RosterTeamRow } from './team-roster.repository.js';
import type { ParticipantProfile } from './workshop.contract.js';

export type { RosterTeamRow } from './team-roster.repository.js';

/** A team as team formation wants it written: an idea and its members. */
export interface RosterTeamPlan {
  ideaId: string;
  name: string;
  memberIds: readonly string[];
}

export type JoinOutcome =
  | { ok: true; team: RosterTeamRow; leftTeamIds: string[]; created: boolean }
  /** full: at its cap; closed: the team is no longer forming; formed: they are on a formed team. */
  | { ok: false; reason: 'full' | 'closed' | 'formed'; team: RosterTeamRow };

/**
 * The one owner of the teams' formation states (forming → locked → confirmed) and of who sits
 * on a formation team: team formation (libs/formation) decides what may happen and asks here.
 * Every change runs under the lab's roster lock, so size caps and "one formation team per
 * person" hold however many people click at once, on however many instances.
 */
@Injectable()
export class TeamRosterService {
  constructor(
    private readonly roster: TeamRosterRepository,
    private readonly tx: TransactionRunner,
    private readonly notices: BreakoutNotices,
    private readonly profiles: ParticipantProfilesRepository,
  ) {}

  /** The lab's participants with their discipline and career stage (the people teams form from). */
  participantsOf(labId: string): Promise<ParticipantProfile[]> {
    return this.profiles.findParticipantsOfLab(labId);
  }

  teamsOf(labId: string): Promise<RosterTeamRow[]> {
    return this.roster.findTeamsOfLab(labId);
  }

  teamOf(labId: string, teamId: string): Promise<RosterTeamRow | null> {
    return this.roster.findTeamOfLab(labId, teamId);
  }

  /** Runs `work` holding the lab's roster lock (inside the caller's transaction, or a new one). */
  underRosterLock<T>(labId: string, work: () => Promise<T>): Promise<T> {
    return this.tx.run(async () => {
      await this.roster.lockRoster(labId);
      return work();
    });
  }

  /**
   * Someone joins the team forming around an idea (created when there is none), leaving any
   * other forming team of the lab. Refused when the team is full or no longer forming.
   */
  join(input: {
    labId: string;
    ideaId: string;
    ideaTitle: string;
    userId: string;
    minSize: number | null;
    maxSize: number | null;
  }): Promise<JoinOutcome> {
    return this.underRosterLock(input.labId, async () => {
      const formed = (await this.roster.findTeamsOfLab(input.labId)).find(
        (t) => t.ideaId !== null && t.status !== 'forming' && t.memberIds.includes(input.userId),
      );
      if (formed) return { ok: false, reason: 'formed', team: formed };
      let team = await this.roster.findTeamOfIdea(input.labId, input.ideaId);
      if (team && team.status !== 'forming') return { ok: false, reason: 'closed', team };
      if (team?.memberIds.includes(input.userId))
        return { ok: true, team, leftTeamIds: [], created: false };
      if (team && team.maxSize !== null && team.memberIds.length >= team.maxSize)
        return { ok: false, reason: 'full', team };
      const leftTeamIds = await this.leaveFormingTeams(input.labId, input.userId);
      let created = false;
      if (!team) {
        const id = await this.roster.insertFormingTeam({
          labId: input.labId,
          ideaId: input.ideaId,
          name: input.ideaTitle,
          minSize: input.minSize,
          maxSize: input.maxSize,
          createdBy: input.userId,
        });
        created = true;
        team = (await this.roster.findTeamOfLab(input.labId, id))!;
      }
      await this.roster.addMember(team.id, input.userId);
      return {
        ok: true,
        team: (await this.roster.findTeamOfLab(input.labId, team.id))!,
        leftTeamIds,
        created,
      };
    });
  }

  /** Someone leaves the forming teams they are on; a team left empty is gone. Ids of the teams left. */
  leave(labId: string, userId: string): Promise<string[]> {
    return this.underRosterLock(labId, () => this.leaveFormingTeams(labId, userId));
  }

  /**
   * Replaces the lab's forming teams by the plan (an adopted run): locked and confirmed teams
   * stay as they are; a planned idea that already has a locked or confirmed team is skipped.
   * Returns the teams of the lab afterwards.
   */
  replaceFormingTeams(input: {
    labId: string;
    plan: readonly RosterTeamPlan[];
    minSize: number | null;
    maxSize: number | null;
    createdBy: string;
  }): Promise<RosterTeamRow[]> {
    return this.underRosterLock(input.labId, async () => {
      const before = await this.roster.findTeamsOfLab(input.labId);
      await this.roster.deleteTeams(before.filter((t) => t.status === 'forming').map((t) => t.id));
      const kept = new Set(before.filter((t) => t.status !== 'forming').map((t) => t.ideaId));
      for (const team of input.plan) {
        if (kept.has(team.ideaId)) continue;
        const id = await this.roster.insertFormingTeam({
          labId: input.labId,
          ideaId: team.ideaId,
          name: team.name,
          minSize: input.minSize,
          maxSize: input.maxSize,
          createdBy: input.createdBy,
        });
        for (const userId of team.memberIds) await this.roster.addMember(id, userId);
      }
      return this.roster.findTeamsOfLab(input.labId);
    });
  }

  /** Moves someone from one forming team to another (an organiser's hand edit). */
  async move(input: { fromTeamId: string; toTeamId: string; userId: string }): Promise<void> {
    await this.roster.removeMember(input.fromTeamId, input.userId);
    await this.roster.addMember(input.toTeamId, input.userId);
  }

  /** Adds someone to a team (an organiser placing a person who has none). */
  addMember(teamId: string, userId: string): Promise<void> {
    return this.roster.addMember(teamId, userId);
  }

  setStatus(teamId: string, status: TeamStatus): Promise<void> {
    return this.roster.setStatus(teamId, status);
  }

  /**
   * The team is confirmed with its name, lead and mentor; its members' connections join its chat
   * and each is told (`team:joined`) once this commits. False when the name is taken in the lab.
   */
  async confirm(
    labId: string,
    teamId: string,
    input: { name: string; leadId: string; mentorId: string | null },
  ): Promise<boolean> {
    if (!(await this.roster.confirm(teamId, input))) return false;
    await this.notices.publish({ kind: 'team-created', labId, teamId });
    return true;
  }

  private async leaveFormingTeams(labId: string, userId: string): Promise<string[]> {
    const teams = (await this.roster.findTeamsOfLab(labId)).filter(
      (t) => t.status === 'forming' && t.memberIds.includes(userId),
    );
    for (const team of teams) {
      await this.roster.removeMember(team.id, userId);
      if (team.memberIds.length === 1) await this.roster.deleteTeams([team.id]);
    }
    return teams.map((t) => t.id);
  }
}
