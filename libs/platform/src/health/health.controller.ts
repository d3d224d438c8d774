import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { PlatformError } from '../errors/app-error.js';
import { HealthRepository } from './health.repository.js';
import { ApiErrors } from '../http/api-errors.decorator.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthRepository) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', database: 'up' } } })
  @ApiErrors(503, 'SERVICE_UNAVAILABLE')
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    if (!(await this.health.databaseAnswers())) {
      throw new PlatformError('SERVICE_UNAVAILABLE', 'The database does not answer.');
    }
    return { status: 'ok', database: 'up' };
  }
}
