import { Injectable } from '@nestjs/common';
import { LivePublisher, liveChannels } from '@ideas-lab/live';
import type { RosterTeamRow } from '@ideas-lab/workshop';

/**
 * What team formation tells connected clients (through the live publisher, after commit): the
 * board's live counts, and people joining or leaving a team's chat as they join or leave it.
 */
@Injectable()
export class FormationLive {
  constructor(private readonly publisher: LivePublisher) {}

  teamChanged(
    labId: string,
    team: RosterTeamRow | null,
    gone?: { id: string; ideaId: string | null; name: string },
  ): void {
    const serverNow = new Date().toISOString();
    if (team) {
      this.publisher.emit(liveChannels.lab(labId), 'formation:team', {
        serverNow,
        teamId: team.id,
        ideaId: team.ideaId,
        name: team.name,
        status: team.status,
        memberCount: team.memberIds.length,
        maxSize: team.maxSize,
      });
    } else if (gone) {
      this.publisher.emit(liveChannels.lab(labId), 'formation:team', {
        serverNow,
        teamId: gone.id,
        ideaId: gone.ideaId,
        name: gone.name,
        status: 'removed',
        memberCount: 0,
        maxSize: null,
      });
    }
  }

  /** The person's connections join the team's chat, and they are told. */
  joinedChat(
    labId: string,
    userId: string,
    team: { id: string; name: string; members: { userId: string; displayName: string }[] },
  ): void {
    const person = liveChannels.person(labId, userId);
    this.publisher.join(person, [liveChannels.team(team.id)]);
    this.publisher.emit(person, 'team:joined', {
      id: team.id,
      name: team.name,
      members: team.members,
    });
  }

  leftChat(labId: string, userId: string, teamId: string): void {
    const person = liveChannels.person(labId, userId);
    this.publisher.leave(person, [liveChannels.team(teamId)]);
    this.publisher.emit(person, 'team:left', { teamId });
  }

  adopted(labId: string, runId: string): void {
    this.publisher.emit(liveChannels.lab(labId), 'formation:adopted', {
      serverNow: new Date().toISOString(),
      runId,
    });
  }
}
