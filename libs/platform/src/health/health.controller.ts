import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { Endpoint } from '../contract/endpoint.decorator.js';
import { PlatformError } from '../errors/app-error.js';
import { healthOps } from './health.contract.js';
import { HealthRepository } from './health.repository.js';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get()
  @Endpoint(healthOps.live)
  live() {
    return { status: 'ok' } as const;
  }

  @Get('ready')
  @Endpoint(healthOps.ready)
  async ready() {
    if (!(await this.health.databaseAnswers())) {
      throw new PlatformError('SERVICE_UNAVAILABLE', 'The database does not answer.');
    }
    return { status: 'ok', database: 'up' } as const;
  }
}
