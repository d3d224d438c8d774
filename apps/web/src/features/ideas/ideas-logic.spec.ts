import { describe, expect, it } from 'vitest';
import type { IdeaComment, MyBallot, VotingSession } from './api';
import {
  dotsOn,
  excerpt,
  ideasQueryOf,
  labelsOf,
  moved,
  NO_FILTERS,
  sidesOf,
  threadsOf,
  withDot,
  withTally,
} from './ideas-logic';

const person = { userId: '00000000-0000-4000-8000-000000000001', displayName: 'Ada' };
const comment = (id: string, parentId: string | null): IdeaComment => ({
  id,
  parentId,
  author: person,
  byMentor: false,
  body: id,
  writtenFor: { id: 'i', title: 'Idea' },
  addressed: false,
  addressedBy: null,
  addressedAt: null,
  createdAt: '2026-07-14T10:00:00.000Z',
});

describe('ideas screens logic', () => {
  it('asks only for the filters set', () => {
    expect(ideasQueryOf(NO_FILTERS)).toEqual({});
    expect(
      ideasQueryOf({
        theme: 't',
        tag: ' omics ',
        discipline: 'AI',
        mine: true,
        includeArchived: true,
      }),
    ).toEqual({ theme: 't', tag: 'omics', discipline: 'AI', mine: 'true', status: 'all' });
  });

  it('reads comma-separated labels once each', () => {
    expect(labelsOf(' omics, AI ,, ai, imaging ')).toEqual(['omics', 'AI', 'imaging']);
    expect(labelsOf('')).toEqual([]);
  });

  it('cuts long summaries with an ellipsis', () => {
    expect(excerpt('one two three', 2)).toBe('one two …');
    expect(excerpt('one two', 2)).toBe('one two');
  });

  it('threads replies under the comment they answer, replies to replies too', () => {
    const threads = threadsOf([
      comment('a', null),
      comment('b', null),
      comment('a1', 'a'),
      comment('a1x', 'a1'),
      comment('orphan', 'gone'),
    ]);
    expect(threads.map((t) => [t.comment.id, t.replies.map((r) => r.id)])).toEqual([
      ['a', ['a1', 'a1x']],
      ['b', []],
      ['orphan', []],
    ]);
  });

  it('shows removed words on the left and added words on the right', () => {
    const sides = sidesOf({
      field: 'summary',
      changed: true,
      parts: [
        { value: 'A ', change: 'same' },
        { value: 'lung', change: 'removed' },
        { value: 'breast', change: 'added' },
      ],
    });
    expect(sides.left.map((p) => p.value).join('')).toBe('A lung');
    expect(sides.right.map((p) => p.value).join('')).toBe('A breast');
  });

  it('counts dots placed and taken back', () => {
    const ballot: MyBallot = { sessionId: 's', ballot: 'participants', dotsLeft: 5, dots: [] };
    const one = withDot(ballot, 'x', 1);
    expect(dotsOn(one, 'x')).toBe(1);
    expect(one.dotsLeft).toBe(4);
    const none = withDot(one, 'x', -1);
    expect(none.dots).toEqual([]);
    expect(none.dotsLeft).toBe(5);
  });

  it('moves a shortlisted idea one place, never past the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });

  it('applies a live tally: voters always, dots only when the session shows them', () => {
    const session = {
      id: 's',
      voters: { participants: 0, mentors: 0 },
      results: [
        { ideaId: 'a', title: 'A', status: 'active', participants: 1, mentors: 0, total: 1 },
        { ideaId: 'b', title: 'B', status: 'active', participants: 0, mentors: 0, total: 0 },
      ],
    } as unknown as VotingSession;
    const tally = {
      serverNow: '',
      labId: 'l',
      sessionId: 's',
      voters: { participants: 2, mentors: 1 },
      tallies: [{ ideaId: 'b', participants: 2, mentors: 1 }],
    };
    const next = withTally(session, tally);
    expect(next.voters).toEqual({ participants: 2, mentors: 1 });
    expect(next.results?.map((r) => [r.ideaId, r.total])).toEqual([
      ['b', 3],
      ['a', 1],
    ]);
    const blind = withTally({ ...session, results: null }, { ...tally, tallies: null });
    expect(blind.results).toBeNull();
    expect(blind.voters.participants).toBe(2);
  });
});
