import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AccessChanges, type AccessChange } from '@ideas-lab/platform';
import { liveChannels } from './live-events.js';
import { LiveRealtime } from './live-publisher.js';

/** What a connection whose person's roles changed is told before it is closed. */
export const ACCESS_CHANGED = {
  code: 'LIVE_ACCESS_CHANGED',
  message: 'Your roles in this lab changed: the live workshop reconnects with what they allow now.',
} as const;

const SESSIONS_ENDED = {
  code: 'LIVE_SESSIONS_ENDED',
  message: 'You were signed out everywhere: sign in again to rejoin the live workshop.',
} as const;

/**
 * Access that changed reaches open connections at once, on every instance: a person whose
 * roles in a lab changed is told and disconnected from that lab's live workshop (connecting
 * again gets the channels the new roles allow, or is refused without one); a person signed
 * out everywhere is told and disconnected from every lab (their token no longer connects).
 */
@Injectable()
export class LiveAccessService implements OnModuleInit {
  constructor(
    private readonly changes: AccessChanges,
    private readonly realtime: LiveRealtime,
  ) {}

  onModuleInit(): void {
    this.changes.listen((change) => Promise.resolve(this.apply(change)));
  }

  private apply(change: AccessChange): void {
    const [channel, notice] =
      change.kind === 'sessions-ended'
        ? [liveChannels.user(change.userId), SESSIONS_ENDED]
        : [liveChannels.person(change.labId, change.userId), ACCESS_CHANGED];
    // Both through the adapter, in this order: every instance tells, then closes.
    this.realtime.emit(channel, 'live:access-changed', notice);
    this.realtime.disconnect(channel);
  }
}
