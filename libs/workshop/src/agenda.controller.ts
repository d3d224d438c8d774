import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { AgendaService } from './agenda.service.js';
import type { AgendaView, SessionView } from './agenda-view.js';
import {
  AgendaViewDto,
  CreateSessionDto,
  SessionViewDto,
  UpdateSessionDto,
} from './dto/agenda.dto.js';
import { LabId, SessionId } from './workshop-params.js';

@ApiTags('workshop')
@ApiBearerAuth()
@Controller('labs/:labId')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda')
  @ApiOperation({
    summary:
      "The workshop agenda in time order, with times in UTC and in the lab's time zone (every member)",
  })
  @ApiResponse({ status: 200, type: AgendaViewDto })
  @ApiErrors(400, 'VALIDATION_FAILED', 401, 'UNAUTHENTICATED', 404, 'LAB_NOT_FOUND')
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<AgendaView> {
    return this.agenda.agenda(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="agenda.ics"')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary:
      'The agenda as an iCalendar (.ics) feed: one event per session, stable UIDs (every member)',
  })
  @ApiResponse({ status: 200, description: 'An RFC 5545 VCALENDAR.', schema: { type: 'string' } })
  @ApiErrors(400, 'VALIDATION_FAILED', 401, 'UNAUTHENTICATED', 404, 'LAB_NOT_FOUND')
  calendar(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string): Promise<string> {
    return this.agenda.calendar(actor, labId);
  }

  @LabRoles('organiser')
  @Post('sessions')
  @ApiOperation({ summary: 'Schedule a session within the workshop dates (organisers)' })
  @ApiResponse({ status: 201, type: SessionViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | SESSION_TIMES_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSessionDto,
  ): Promise<SessionView> {
    return this.agenda.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Patch('sessions/:sessionId')
  @ApiOperation({ summary: 'Edit a session (organisers), with optimistic locking on `version`' })
  @ApiResponse({ status: 200, type: SessionViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | SESSION_TIMES_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_VERSION_CONFLICT | SESSION_HAS_ROUNDS',
  )
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: UpdateSessionDto,
  ): Promise<SessionView> {
    return this.agenda.update(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a session and its breakout rounds (organisers); a live session must end first',
  })
  @ApiResponse({ status: 204 })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | SESSION_NOT_FOUND',
    409,
    'SESSION_LIVE',
  )
  async remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ): Promise<void> {
    await this.agenda.remove(actor, labId, sessionId);
  }
}
