import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { Endpoint } from '../contract/endpoint.decorator.js';
import { PlatformError } from '../errors/app-error.js';
import { Liveness, Readiness } from './health.contract.js';
import { HealthRepository } from './health.repository.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get()
  @Endpoint({ summary: 'Liveness: the process answers', response: Liveness })
  live() {
    return { status: 'ok' } as const;
  }

  @Get('ready')
  @Endpoint({
    summary: 'Readiness: the database answers',
    response: Readiness,
    errors: ['SERVICE_UNAVAILABLE'],
  })
  async ready() {
    if (!(await this.health.databaseAnswers())) {
      throw new PlatformError('SERVICE_UNAVAILABLE', 'The database does not answer.');
    }
    return { status: 'ok', database: 'up' } as const;
  }
}
