import { Body, Controller, Delete, Get, Header, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { Agenda, CreateSessionDto, Session, UpdateSessionDto } from './workshop.contract.js';
import type { Actor } from '@ideas-lab/domain';
import { AgendaService } from './agenda.service.js';
import { LabId, SessionId } from './workshop-params.js';

@ApiTags('workshop')
@Controller('labs/:labId')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda')
  @Endpoint({
    summary:
      "The workshop agenda in time order, with times in UTC and in the lab's time zone (every member)",
    response: Agenda,
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.agenda.agenda(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="agenda.ics"')
  @Endpoint({
    summary:
      'The agenda as an iCalendar (.ics) feed: one event per session, stable UIDs (every member)',
    response: { mediaType: 'text/calendar', description: 'An RFC 5545 VCALENDAR.' },
  })
  calendar(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.agenda.calendar(actor, labId);
  }

  @LabRoles('organiser')
  @Post('sessions')
  @Endpoint({
    summary: 'Schedule a session within the workshop dates (organisers)',
    response: Session,
    errors: ['SESSION_TIMES_INVALID'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSessionDto,
  ) {
    return this.agenda.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Patch('sessions/:sessionId')
  @Endpoint({
    summary: 'Edit a session (organisers), with optimistic locking on `version`',
    response: Session,
    errors: [
      'SESSION_TIMES_INVALID',
      'SESSION_NOT_FOUND',
      'SESSION_VERSION_CONFLICT',
      'SESSION_HAS_ROUNDS',
    ],
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: UpdateSessionDto,
  ) {
    return this.agenda.update(actor, labId, sessionId, body);
  }

  @LabRoles('organiser')
  @Delete('sessions/:sessionId')
  @Endpoint({
    summary: 'Delete a session and its breakout rounds (organisers); a live session must end first',
    response: null,
    errors: ['SESSION_NOT_FOUND', 'SESSION_LIVE'],
  })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    await this.agenda.remove(actor, labId, sessionId);
  }
}
