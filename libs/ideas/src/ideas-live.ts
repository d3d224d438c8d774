import { Injectable } from '@nestjs/common';
import type { LabRole } from '@ideas-lab/domain';
import {
  liveChannels,
  LivePublisher,
  type IdeaChange,
  type VotingSessionNotice,
  type VotingTally,
} from '@ideas-lab/live';

/** Who reads the board: the people of the workshop (applicants do not). */
export const BOARD_READERS: readonly LabRole[] = ['participant', 'mentor', 'organiser'];
/** Who posts, champions and supports ideas. */
export const CONTRIBUTORS: readonly LabRole[] = ['participant', 'mentor'];

const now = () => new Date().toISOString();

/**
 * The board's live notices, sent to the lab's connections once the change commits (the
 * publisher defers to after the commit). A notice says what changed; clients read the idea
 * again over HTTP, so a client that reconnects reads the board and misses nothing.
 */
@Injectable()
export class IdeasLive {
  constructor(private readonly publisher: LivePublisher) {}

  ideaChanged(
    labId: string,
    ideaId: string,
    change: IdeaChange,
    version: number,
    mergedInto: string | null = null,
  ): void {
    this.publisher.emit(liveChannels.lab(labId), 'idea:changed', {
      serverNow: now(),
      labId,
      ideaId,
      change,
      version,
      mergedInto,
    });
  }

  boardChanged(labId: string): void {
    this.publisher.emit(liveChannels.lab(labId), 'ideas:board', { serverNow: now(), labId });
  }

  shortlistChanged(labId: string, version: number, ideaIds: string[]): void {
    this.publisher.emit(liveChannels.lab(labId), 'shortlist:changed', {
      serverNow: now(),
      labId,
      version,
      ideaIds,
    });
  }

  votingChanged(notice: Omit<VotingSessionNotice, 'serverNow'>): void {
    this.publisher.emit(
      liveChannels.lab(notice.labId),
      notice.state === 'open' ? 'voting:opened' : 'voting:closed',
      { serverNow: now(), ...notice },
    );
  }

  /** Derived state a client reads afresh anyway: never replayed to reconnecting clients. */
  votingTally(tally: Omit<VotingTally, 'serverNow'>): void {
    this.publisher.emitEphemeral(liveChannels.lab(tally.labId), 'voting:tally', {
      serverNow: now(),
      ...tally,
    });
  }
}
