import { Poller } from '@ideas-lab/platform';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DecisionsService } from './decisions.service.js';

/** How often every instance looks for offers whose confirm-by date has passed. */
export const OFFER_SWEEP_MS = 60_000;

/**
 * A missed confirm-by date frees the place by itself: every instance sweeps periodically, and
 * `DecisionsService.expireDue` expires each lab under its selection lock, so a place is refilled
 * from the waitlist exactly once however many instances sweep.
 */
@Injectable()
export class OfferExpirySweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OfferExpirySweeper');
  private readonly poller = new Poller(
    'offer expiry sweep',
    OFFER_SWEEP_MS,
    async () => {
      const swept = await this.decisions.expireDue();
      for (const lab of swept.labs) this.logger.log({ msg: 'offers expired', ...lab });
    },
    this.logger,
  );

  constructor(private readonly decisions: DecisionsService) {}

  onApplicationBootstrap(): void {
    this.poller.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.poller.stop();
  }
}
