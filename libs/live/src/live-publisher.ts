import { Injectable } from '@nestjs/common';
import { RealtimePort, SocketIoRealtime } from '@ideas-lab/platform';
import type { LiveConnectionData, LiveNotices } from './live-events.js';

/** What the live services publish through: the realtime port typed with the live notices. */
export abstract class LivePublisher extends RealtimePort<LiveNotices, LiveConnectionData> {}

/** The port over the `/live` namespace; the gateway binds it when the namespace starts. */
@Injectable()
export class LiveRealtime extends SocketIoRealtime<LiveNotices, LiveConnectionData> {}
