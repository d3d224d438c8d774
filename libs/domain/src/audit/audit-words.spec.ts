import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from './audit-words.js';

describe('describeAuditEvent', () => {
  it.each([
    [
      'lab.phase_changed',
      { from: 'selection', to: 'workshop' },
      'moved the lab from Selection to Workshop',
    ],
    ['lab.invitation_created', { email: 'm@x.org', role: 'mentor' }, 'invited m@x.org as mentor'],
    [
      'form.published',
      { version: 2, questions: 1 },
      'published version 2 of the application form (1 question)',
    ],
    ['letters.released', { queued: 30 }, 'released 30 decision letters to be sent'],
    ['breakout.timer_adjusted', { deltaSeconds: 120 }, 'added 120 s to a breakout round'],
    ['breakout.timer_adjusted', { deltaSeconds: -60 }, 'took 60 s from a breakout round'],
    [
      'pitch.clock_adjusted',
      { team: 'Digital twins', phase: 'pitch', deltaSeconds: 60 },
      'gave the pitch of Digital twins 1 min more',
    ],
    [
      'pitch.clock_adjusted',
      { team: 'Digital twins', phase: 'questions', deltaSeconds: -30 },
      'took 30 s off the questions to Digital twins',
    ],
    ['live.time_decided', { decision: 'approved' }, 'gave a room more time'],
    [
      'selection.run_adopted',
      {},
      'adopted a selection run: offers, waitlist and declines are decided',
    ],
  ])('%s reads as words', (action, data, words) => {
    expect(describeAuditEvent({ action, data })).toBe(words);
  });

  it('never shows a raw code, even for an action it does not know', () => {
    expect(describeAuditEvent({ action: 'proposals.version_saved', data: {} })).toBe(
      'version saved (proposals)',
    );
  });

  it('copes with data that lacks what a sentence would use', () => {
    expect(describeAuditEvent({ action: 'lab.phase_changed', data: {} })).toBe(
      'moved the lab from another phase to another phase',
    );
    expect(describeAuditEvent({ action: 'letters.composed', data: { letters: 'x' } })).toBe(
      'wrote decision letters into the outbox',
    );
  });
});
