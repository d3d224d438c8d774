import type { LivePitch } from '@ideas-lab/live/events';
import type { MentorPitchScoring, PitchSession, PitchSlot } from './api';

// A `pitch:state` notice written into the cached reads at once, so every countdown moves the
// moment the stage does (an organiser's +1 min, the clock, the next team), without a read.

/** The slot with the stage the notice carries: its phase and its clock. */
function slotWithStage(slot: PitchSlot, live: LivePitch): PitchSlot {
  const on = live.slots.find((s) => s.slotId === slot.id);
  return on
    ? {
        ...slot,
        phase: on.phase,
        phaseEndsAt: on.phaseEndsAt,
        clockVersion: on.clockVersion,
        adjustedSeconds: on.adjustedSeconds,
      }
    : slot;
}

export function sessionWithStage(session: PitchSession, live: LivePitch): PitchSession {
  if (session.sessionId !== live.sessionId) return session;
  return {
    ...session,
    state: live.state,
    currentSlotId: live.currentSlotId,
    slots: session.slots.map((slot) => slotWithStage(slot, live)),
  };
}

export function scoringWithStage(sheet: MentorPitchScoring, live: LivePitch): MentorPitchScoring {
  if (sheet.sessionId !== live.sessionId) return sheet;
  return {
    ...sheet,
    state: live.state,
    currentSlotId: live.currentSlotId,
    slots: sheet.slots.map((entry) => ({ ...entry, slot: slotWithStage(entry.slot, live) })),
  };
}

/**
 * Whether the notice moves only clocks of what is cached: the same teams in the same order, in
 * the same phases, the same team on stage. Anything more (a phase that locks scores, the next
 * team, an edited order) is read again as well.
 */
export function onlyClocksMoved(
  cached: PitchSession | MentorPitchScoring,
  live: LivePitch,
): boolean {
  const slots = cached.slots.map((s) => ('slot' in s ? s.slot : s));
  return (
    cached.sessionId === live.sessionId &&
    cached.state === live.state &&
    cached.currentSlotId === live.currentSlotId &&
    slots.length === live.slots.length &&
    live.slots.every((s, i) => slots[i].id === s.slotId && slots[i].phase === s.phase)
  );
}
