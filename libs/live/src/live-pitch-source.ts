import { Injectable } from '@nestjs/common';
import type { LivePitch } from './live-events.js';

export type LivePitchReader = (labId: string) => Promise<LivePitch | null>;

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

  read(labId: string): Promise<LivePitch | null> {
    return this.reader ? this.reader(labId) : Promise.resolve(null);
  }
}
