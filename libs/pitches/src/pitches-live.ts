import { Injectable } from '@nestjs/common';
import { LivePublisher, liveChannels, type LivePitch } from '@ideas-lab/live';
import type { PitchScoreRowData, PitchSessionRow, PitchSlotRow } from './pitches.repository.js';

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

/** A pitch session's stage as the live layer shows it (the snapshot and `pitch:state`). */
export function toLivePitch(session: PitchSessionRow, slots: PitchSlotRow[]): LivePitch {
  return {
    serverNow: new Date().toISOString(),
    labId: session.labId,
    sessionId: session.sessionId,
    title: session.title,
    state: session.state,
    currentSlotId: session.currentSlotId,
    slots: slots.map((s) => ({
      slotId: s.id,
      teamId: s.teamId,
      teamName: s.teamName,
      position: s.position,
      phase: s.phase,
      pitchSeconds: s.pitchSeconds,
      questionSeconds: s.questionSeconds,
      phaseEndsAt: iso(s.phaseEndsAt),
      clockVersion: s.clockVersion,
      adjustedSeconds: s.adjustedSeconds,
    })),
  };
}

/** What pitch sessions tell connected clients, after commit (through the live publisher). */
@Injectable()
export class PitchesLive {
  constructor(private readonly publisher: LivePublisher) {}

  /** To the whole lab: the stage now. */
  stageChanged(pitch: LivePitch): void {
    this.publisher.emit(liveChannels.lab(pitch.labId), 'pitch:state', pitch);
  }

  /** To the organisers: a mentor's score as saved. */
  scored(labId: string, sessionId: string, score: PitchScoreRowData): void {
    this.publisher.emit(liveChannels.role(labId, 'organiser'), 'pitch:scored', {
      serverNow: new Date().toISOString(),
      labId,
      sessionId,
      slotId: score.slotId,
      teamId: score.teamId,
      scoreId: score.id,
      mentor: { userId: score.mentorId, displayName: score.mentorName },
      scores: score.scores,
      commentToTeam: score.commentToTeam,
      privateNote: score.privateNote,
      version: score.version,
      updatedAt: new Date(score.updatedAt).toISOString(),
    });
  }

  /** To the team: its released feedback changed. */
  feedbackChanged(labId: string, sessionId: string, teamId: string): void {
    this.publisher.emit(liveChannels.team(teamId), 'pitch:feedback', {
      serverNow: new Date().toISOString(),
      labId,
      sessionId,
      teamId,
    });
  }
}
