import { Injectable } from '@nestjs/common';
import { type BatchedRead, readNothing } from '@ideas-lab/platform';
import type { LivePitch } from './live-events.js';

/** The lab's running pitch session (null: none), as a read the snapshot batches with its others. */
export type LivePitchReader = (labId: string) => BatchedRead<LivePitch | null>;

/**
 * Where the snapshot of a (re)connecting client reads the lab's running pitch session from:
 * the pitches lib, which owns pitch sessions and builds on the live layer, provides the reader
 * when it starts (the live layer knows only the shape, from the event map).
 */
@Injectable()
export class LivePitchSource {
  private reader: LivePitchReader | null = null;

  provide(reader: LivePitchReader): void {
    this.reader = reader;
  }

  read(labId: string): BatchedRead<LivePitch | null> {
    return this.reader ? this.reader(labId) : readNothing(null);
  }
}
