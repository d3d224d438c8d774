import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { liveChannels, type LiveConnectionData } from './live-events.js';
import { LivePublisher } from './live-publisher.js';
import { MentorVisitsService } from './mentor-visits.service.js';
import { RoomActivityService } from './room-activity.service.js';

/** Presence changes gather this long, then are counted and announced together. */
export const PRESENCE_FLUSH_MS = 250;

interface PendingPerson {
  who: LiveConnectionData;
  arrivals: number;
  departures: number;
}

/**
 * Tells the organisers who came online or went offline. Connections come and go in bursts
 * (a lab arriving, a reconnect storm after an instance restarts): each instance gathers the
 * changes for PRESENCE_FLUSH_MS, counts everyone's connections across instances in one
 * query, and announces each person once, as an ephemeral notice (never replayed by
 * connection-state recovery: `presence:list` reads the truth at any time).
 */
@Injectable()
export class LivePresenceService implements OnModuleDestroy {
  private readonly logger = new Logger('LivePresence');
  /** labId → userId → what changed since the last flush. */
  private pending = new Map<string, Map<string, PendingPerson>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly publisher: LivePublisher,
    private readonly mentors: MentorVisitsService,
    private readonly activity: RoomActivityService,
  ) {}

  arrived(who: LiveConnectionData): void {
    this.note(who, 1, 0);
  }

  left(who: LiveConnectionData): void {
    this.note(who, 0, 1);
  }

  /** Announce what is pending now, then nothing more (shutdown: before the realtime unbinds). */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    if (!this.stopped) {
      this.stopped = true;
      await this.flush();
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  private note(who: LiveConnectionData, arrivals: number, departures: number): void {
    if (this.stopped) return;
    let lab = this.pending.get(who.labId);
    if (!lab) this.pending.set(who.labId, (lab = new Map()));
    const person = lab.get(who.userId) ?? { who, arrivals: 0, departures: 0 };
    person.arrivals += arrivals;
    person.departures += departures;
    lab.set(who.userId, person);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flushing = this.flush().finally(() => (this.flushing = null));
    }, PRESENCE_FLUSH_MS);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    const batches = this.pending;
    this.pending = new Map();
    for (const [labId, people] of batches) {
      try {
        await this.announce(labId, [...people.values()]);
      } catch (error) {
        this.logger.warn({ msg: 'presence announcement failed', err: error, labId });
      }
    }
  }

  private async announce(labId: string, people: PendingPerson[]): Promise<void> {
    const connections = new Map<string, number>();
    const members = await this.publisher.members(
      people.map((p) => liveChannels.person(labId, p.who.userId)),
    );
    for (const member of members)
      if (member.data.labId === labId)
        connections.set(member.data.userId, (connections.get(member.data.userId) ?? 0) + 1);
    const organisers = liveChannels.role(labId, 'organiser');
    for (const { who, arrivals, departures } of people) {
      const now = connections.get(who.userId) ?? 0;
      this.publisher.emitEphemeral(organisers, 'presence:changed', {
        userId: who.userId,
        displayName: who.displayName,
        online: now > 0,
        connections: now,
      });
      // A mentor's first connection arriving (or last one leaving) moves them into (out of) their room.
      const before = now - arrivals + departures;
      if (before <= 0 && now > 0) await this.mentors.announcePresence(who, true);
      else if (before > 0 && now === 0) await this.mentors.announcePresence(who, false);
    }
    this.activity.touch(labId);
  }
}
