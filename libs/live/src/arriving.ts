import type { Condition, Derived } from '@ideas-lab/platform';

/**
 * Someone (re)connecting, as the handshake's one statement reads them: their roles and where
 * they are are not known before it runs, so the reads of their snapshot take them as values
 * that same statement derives (see batched-reads.ts) and run only the branches that apply.
 */
export interface Arriving {
  labId: string;
  userId: string;
  /** An organiser of the lab, or an admin (then plainly true). */
  isOrganiser: Condition;
  isMentor: Condition;
  isParticipant: Condition;
  /** The open round of the lab; NULL when none is open. */
  roundId: Derived<string | null>;
  /** Their room of record in the open round; NULL when they have none. */
  roomId: Derived<string | null>;
  /** The same room as a list (empty when they have none), for reads that take several rooms. */
  roomIds: Derived<string[]>;
  /** The teams they are on (an organiser reads the others' chat over HTTP). */
  teamIds: Derived<string[]>;
}
