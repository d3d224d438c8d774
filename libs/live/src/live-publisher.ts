import { Injectable } from '@nestjs/common';
import { RealtimePort, SocketIoRealtime, TransactionRunner } from '@ideas-lab/platform';
import type { LiveConnectionData, LiveNotices } from './live-events.js';

/** What the live services publish through: the realtime port typed with the live notices. */
export abstract class LivePublisher extends RealtimePort<LiveNotices, LiveConnectionData> {}

/**
 * The port over the `/live` namespace; the gateway binds it when the namespace starts.
 * Pushes and room changes asked for inside a transaction go out once it commits (never if
 * it rolls back); outside one, at once.
 */
@Injectable()
export class LiveRealtime extends SocketIoRealtime<LiveNotices, LiveConnectionData> {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  override emit<E extends keyof LiveNotices & string>(
    channels: string | readonly string[],
    event: E,
    payload: LiveNotices[E],
  ): void {
    void this.tx.afterCommit(() => super.emit(channels, event, payload));
  }

  override join(of: string | readonly string[], channels: readonly string[]): void {
    void this.tx.afterCommit(() => super.join(of, channels));
  }

  override leave(of: string | readonly string[], channels: readonly string[]): void {
    void this.tx.afterCommit(() => super.leave(of, channels));
  }

  override disconnect(of: string | readonly string[]): void {
    void this.tx.afterCommit(() => super.disconnect(of));
  }
}
