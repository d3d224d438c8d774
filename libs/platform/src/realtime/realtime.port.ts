/**
 * How services publish to connected clients without knowing the transport. A channel is a
 * named group of connections (`lab:<id>`, `room:<id>`); the implementation (Socket.IO behind
 * a gateway) fans out across instances. `Events` maps each server→client event to its payload.
 */
export interface RealtimeMember<Data> {
  connectionId: string;
  data: Data;
  channels: string[];
}

export abstract class RealtimePort<Events extends object, Data = unknown> {
  /** Send one event to every connection in any of the channels. */
  abstract emit<E extends keyof Events & string>(
    channels: string | readonly string[],
    event: E,
    payload: Events[E],
  ): void;
  /**
   * The same, for a notice derived from state that a reconnecting client reads afresh anyway
   * (presence, room assignments, tiles): it reaches every instance without entering the log
   * that connection-state recovery replays, so it is never replayed and no reconnecting
   * client has to read past it. Use `emit` for anything the client could not rebuild.
   */
  abstract emitEphemeral<E extends keyof Events & string>(
    channels: string | readonly string[],
    event: E,
    payload: Events[E],
  ): void;
  /** Every connection in `of` also joins `channels` (on every instance). */
  abstract join(of: string | readonly string[], channels: readonly string[]): void;
  /** Every connection in `of` leaves `channels` (on every instance). */
  abstract leave(of: string | readonly string[], channels: readonly string[]): void;
  /**
   * Every connection in `of` is closed by the server (on every instance), after whatever was
   * emitted to it before; clients decide whether to connect again.
   */
  abstract disconnect(of: string | readonly string[]): void;
  /** The connections in a channel (or in any of several), across instances. */
  abstract members(channel: string | readonly string[]): Promise<RealtimeMember<Data>[]>;
}
