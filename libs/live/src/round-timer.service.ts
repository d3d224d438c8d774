import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AuditService, Poller, TransactionRunner } from '@ideas-lab/platform';
import { liveChannels } from './live-events.js';
import { LivePublisher } from './live-publisher.js';
import { LiveRoundsRepository, type LiveRoundRow } from './live-rounds.repository.js';
import { toLiveRound } from './live-view.js';

/** How often every instance looks for rounds whose deadline or warning has come. */
export const ROUND_TIMER_POLL_MS = 500;

/**
 * Server-authoritative round timers. Every API instance polls; the guarded updates let
 * exactly one of them close a due round (or give a warning), and only that one announces
 * it. The deadline lives in the database, so a restart loses nothing: the next poll of any
 * instance closes what came due meanwhile.
 */
@Injectable()
export class RoundTimerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RoundTimer');
  private readonly poller = new Poller(
    'round timer poll',
    ROUND_TIMER_POLL_MS,
    () => this.tick(),
    this.logger,
  );

  constructor(
    private readonly rounds: LiveRoundsRepository,
    private readonly publisher: LivePublisher,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }

  /** One poll: close what is due, then give the warnings that are due. */
  async tick(): Promise<void> {
    const closed = await this.tx.run(async () => {
      const rows = await this.rounds.closeDue();
      for (const row of rows) {
        await this.audit.append({
          actorId: null,
          labId: row.labId,
          action: 'breakout.round_closed',
          entityType: 'breakout_round',
          entityId: row.id,
          data: { sessionId: row.sessionId, by: 'timer' },
        });
      }
      return rows;
    });
    for (const row of closed) await this.announceClosed(row);
    for (const minutes of [5, 1] as const) {
      for (const row of await this.rounds.warnDue(minutes)) {
        this.publisher.emit(liveChannels.lab(row.labId), 'timer:warning', {
          serverNow: new Date().toISOString(),
          roundId: row.id,
          endsAt: toLiveRound(row).endsAt!,
          minutesLeft: minutes,
        });
      }
    }
  }

  /** Tell the lab a round is over and take everyone out of its rooms. */
  async announceClosed(row: LiveRoundRow): Promise<void> {
    const now = new Date().toISOString();
    const roomIds = (await this.rounds.findRoomsOfRound(row.id)).map((r) =>
      liveChannels.room(r.id),
    );
    this.publisher.emit(liveChannels.lab(row.labId), 'round:closed', {
      serverNow: now,
      roundId: row.id,
      closedAt: now,
    });
    this.publisher.leave(liveChannels.lab(row.labId), roomIds);
  }
}
