import { describe, expect, it } from 'vitest';
import type { LivePitch } from '@ideas-lab/live/events';
import type { MentorPitchScoring, PitchSession, PitchSlot } from './api';
import { onlyClocksMoved, scoringWithStage, sessionWithStage } from './pitch-live-state';

const slot = (id: string, phase: PitchSlot['phase'], phaseEndsAt: string | null): PitchSlot => ({
  id,
  teamId: `team-${id}`,
  teamName: `Team ${id}`,
  position: id === 'a' ? 1 : 2,
  pitchSeconds: 300,
  questionSeconds: 120,
  phase,
  phaseEndsAt,
  clockVersion: 0,
  adjustedSeconds: 0,
  startedAt: null,
  closedAt: null,
});

const session: PitchSession = {
  sessionId: 's1',
  labId: 'lab',
  title: 'Pitches',
  startsAt: '2027-07-15T15:00:00.000Z',
  endsAt: '2027-07-15T17:00:00.000Z',
  timezone: 'Europe/London',
  state: 'running',
  version: 1,
  criteria: [],
  rubricLocked: false,
  currentSlotId: 'a',
  slots: [slot('a', 'pitch', '2027-07-15T15:05:00.000Z'), slot('b', 'waiting', null)],
  startedAt: '2027-07-15T15:00:00.000Z',
  endedAt: null,
  serverNow: '2027-07-15T15:01:00.000Z',
};

const live = (
  a: Partial<LivePitch['slots'][number]>,
  rest: Partial<LivePitch> = {},
): LivePitch => ({
  serverNow: '2027-07-15T15:02:00.000Z',
  labId: 'lab',
  sessionId: 's1',
  title: 'Pitches',
  state: 'running',
  currentSlotId: 'a',
  // The live slot is the session's slot as the server sends it: its id as `slotId`, no
  // start/close times.
  slots: session.slots.map(({ id, startedAt: _started, closedAt: _closed, ...slot }) => ({
    slotId: id,
    ...slot,
    ...(id === 'a' ? a : {}),
  })),
  ...rest,
});

describe('a pitch:state notice written into the cached reads', () => {
  const added = live({
    phaseEndsAt: '2027-07-15T15:06:00.000Z',
    clockVersion: 1,
    adjustedSeconds: 60,
  });

  it("moves the countdown of the organiser's session and the mentor's sheet at once", () => {
    expect(sessionWithStage(session, added).slots[0]).toMatchObject({
      phaseEndsAt: '2027-07-15T15:06:00.000Z',
      clockVersion: 1,
      adjustedSeconds: 60,
    });
    const sheet = {
      sessionId: 's1',
      title: 'Pitches',
      state: 'running',
      criteria: [],
      currentSlotId: 'a',
      slots: session.slots.map((s) => ({ slot: s, conflict: null, myScore: null })),
      serverNow: session.serverNow,
    } satisfies MentorPitchScoring;
    expect(scoringWithStage(sheet, added).slots[0].slot.phaseEndsAt).toBe(
      '2027-07-15T15:06:00.000Z',
    );
    expect(onlyClocksMoved(sheet, added)).toBe(true);
  });

  it('needs no read for a clock move, but does for a phase, the next team or another session', () => {
    expect(onlyClocksMoved(session, added)).toBe(true);
    expect(onlyClocksMoved(session, live({ phase: 'questions' }))).toBe(false);
    expect(onlyClocksMoved(session, live({}, { currentSlotId: 'b' }))).toBe(false);
    expect(onlyClocksMoved(session, live({}, { sessionId: 's2' }))).toBe(false);
    expect(sessionWithStage(session, live({ phaseEndsAt: null }, { sessionId: 's2' }))).toBe(
      session,
    );
  });
});
