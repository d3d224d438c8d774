import type { VotingTally } from '@ideas-lab/live/events';
import type { IdeaComment, IdeasQuery, MyBallot, RevisionComparison, VotingSession } from './api';

/** The board's filters as the screen holds them (strings from the controls). */
export interface BoardFilters {
  theme: string;
  tag: string;
  discipline: string;
  mine: boolean;
  includeArchived: boolean;
}

export const NO_FILTERS: BoardFilters = {
  theme: '',
  tag: '',
  discipline: '',
  mine: false,
  includeArchived: false,
};

/** The list query for the filters: empty controls are left out, archived ideas only when asked. */
export function ideasQueryOf(filters: BoardFilters): IdeasQuery {
  const query: IdeasQuery = {};
  if (filters.theme) query.theme = filters.theme;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.discipline) query.discipline = filters.discipline;
  if (filters.mine) query.mine = 'true';
  if (filters.includeArchived) query.status = 'all';
  return query;
}

/** Comma-separated labels as a list: trimmed, empties dropped, each once (first spelling kept). */
export function labelsOf(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const raw of text.split(',')) {
    const label = raw.trim();
    if (!label || seen.has(label.toLowerCase())) continue;
    seen.add(label.toLowerCase());
    labels.push(label);
  }
  return labels;
}

/** The first `words` words of a text, with an ellipsis when there was more. */
export function excerpt(text: string, words = 40): string {
  const all = text.trim().split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')} …`;
}

export interface CommentThread {
  comment: IdeaComment;
  replies: IdeaComment[];
}

/**
 * Comments as threads, oldest first: each top-level comment with its replies (a reply to a reply
 * sits in the thread of the comment it finally answers; a reply whose parent is missing stands
 * on its own).
 */
export function threadsOf(comments: readonly IdeaComment[]): CommentThread[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const rootOf = (comment: IdeaComment): IdeaComment => {
    let current = comment;
    const seen = new Set<string>();
    while (current.parentId && byId.has(current.parentId) && !seen.has(current.id)) {
      seen.add(current.id);
      current = byId.get(current.parentId)!;
    }
    return current;
  };
  const threads = new Map<string, CommentThread>();
  for (const comment of comments) {
    const root = rootOf(comment);
    if (root.id === comment.id) threads.set(comment.id, { comment, replies: [] });
  }
  for (const comment of comments) {
    const root = rootOf(comment);
    if (root.id !== comment.id) threads.get(root.id)?.replies.push(comment);
  }
  return [...threads.values()];
}

export type ComparedField = RevisionComparison['fields'][number];

const FIELD_LABELS: Record<ComparedField['field'], string> = {
  title: 'Title',
  summary: 'Summary',
  challengeArea: 'Part of the challenge',
  tags: 'Tags',
  disciplinesNeeded: 'Disciplines needed',
};

export const fieldLabel = (field: ComparedField['field']): string => FIELD_LABELS[field];

/** The two sides of a compared field: the left shows what stayed and what went, the right what stayed and what came. */
export function sidesOf(field: ComparedField): {
  left: ComparedField['parts'];
  right: ComparedField['parts'];
} {
  return {
    left: field.parts.filter((p) => p.change !== 'added'),
    right: field.parts.filter((p) => p.change !== 'removed'),
  };
}

/** Dots this person has on an idea in the ballot. */
export function dotsOn(ballot: MyBallot, ideaId: string): number {
  return ballot.dots.find((d) => d.ideaId === ideaId)?.dots ?? 0;
}

/** The ballot after one more (or one fewer) dot on an idea, as the server will answer it. */
export function withDot(ballot: MyBallot, ideaId: string, delta: 1 | -1): MyBallot {
  const current = dotsOn(ballot, ideaId);
  const next = current + delta;
  const others = ballot.dots.filter((d) => d.ideaId !== ideaId);
  return {
    ...ballot,
    dotsLeft: ballot.dotsLeft - delta,
    dots: next > 0 ? [...others, { ideaId, dots: next }] : others,
  };
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moved<T>(items: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

/** "1 dot" / "3 dots". */
export const dotsLabel = (n: number): string => `${n} dot${n === 1 ? '' : 's'}`;

/** A session with a live tally applied: voters per ballot, and dots per idea unless blind. */
export function withTally(session: VotingSession, tally: VotingTally): VotingSession {
  const results =
    session.results === null || tally.tallies === null
      ? session.results
      : session.results
          .map((r) => {
            const t = tally.tallies?.find((x) => x.ideaId === r.ideaId);
            return t
              ? {
                  ...r,
                  participants: t.participants,
                  mentors: t.mentors,
                  total: t.participants + t.mentors,
                }
              : r;
          })
          .sort((a, b) => b.total - a.total);
  return { ...session, voters: tally.voters, results };
}
