import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';

/** What happened to a breakout round (or a team), told after it is committed (the live layer relays it to clients). */
export type BreakoutNotice =
  | { kind: 'round-opened'; labId: string; sessionId: string; roundId: string }
  | { kind: 'round-closed'; labId: string; sessionId: string; roundId: string }
  /** The organisers gave the round `graceSeconds` more: it ends at `endsAt` (ISO 8601). */
  | {
      kind: 'round-closing';
      labId: string;
      sessionId: string;
      roundId: string;
      endsAt: string;
      graceSeconds: number;
    }
  /** The round's deadline moved. */
  | { kind: 'timer-changed'; labId: string; sessionId: string; roundId: string; endsAt: string }
  /** The round ends in `minutesLeft` minutes (told once per round and mark). */
  | {
      kind: 'timer-warning';
      labId: string;
      sessionId: string;
      roundId: string;
      endsAt: string;
      minutesLeft: 5 | 1;
    }
  /**
   * These people now sit elsewhere in the round (moves, swaps, self-select choices);
   * `roomIds`: every room they left or joined.
   */
  | {
      kind: 'seats-changed';
      labId: string;
      sessionId: string;
      roundId: string;
      userIds: string[];
      roomIds: string[];
    }
  /** The round's rooms were rebuilt: everyone may sit elsewhere, rooms may be new or gone. */
  | { kind: 'rooms-recreated'; labId: string; sessionId: string; roundId: string }
  /** A room's name, link or mentor changed (organisers edited it). */
  | { kind: 'room-changed'; labId: string; sessionId: string; roundId: string; roomId: string }
  /** The lab's video link template changed: rooms without their own link have a new one. */
  | { kind: 'room-links-changed'; labId: string }
  /** A team was set up: its members' connections join its chat. */
  | { kind: 'team-created'; labId: string; teamId: string };

export type BreakoutNoticeListener = (notice: BreakoutNotice) => Promise<void>;

/**
 * The port through which the breakout service tells the outside that rounds opened or closed
 * and people moved, without knowing the transport: the live layer listens and publishes over
 * its realtime port. A notice published inside a transaction is delivered once it commits
 * (never if it rolls back), so nothing is announced that did not happen. A failing listener
 * is logged; the change itself is already committed.
 */
@Injectable()
export class BreakoutNotices {
  private readonly logger = new Logger('BreakoutNotices');
  private readonly listeners: BreakoutNoticeListener[] = [];
  private readonly partners: BreakoutNoticeListener[] = [];

  constructor(private readonly tx: TransactionRunner) {}

  listen(listener: BreakoutNoticeListener): void {
    this.listeners.push(listener);
  }

  /**
   * A listener whose own state changes with the round, in the same transaction (pins of the
   * last round end when the next one opens): it runs as the notice is published, and its
   * failure rolls the change back with everything else.
   */
  listenWithin(listener: BreakoutNoticeListener): void {
    this.partners.push(listener);
  }

  /** Deliver after the current transaction commits (at once outside one). */
  async publish(notice: BreakoutNotice): Promise<void> {
    for (const partner of this.partners) await partner(notice);
    return this.tx.afterCommit(() => this.deliver(notice));
  }

  private async deliver(notice: BreakoutNotice): Promise<void> {
    for (const listener of this.listeners) {
      await listener(notice).catch((error: unknown) =>
        this.logger.error({
          msg: 'breakout notice listener failed',
          kind: notice.kind,
          err: error,
        }),
      );
    }
  }
}
