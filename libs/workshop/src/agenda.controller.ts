import { Body, Controller, Delete, Get, Header, Param, Patch, Post } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import { CreateSessionDto, UpdateSessionDto, agendaOps } from './workshop.contract.js';
import type { Actor } from '@ideas-lab/domain';
import { AgendaService } from './agenda.service.js';
import { LabId, SessionId } from './workshop-params.js';

@Controller('labs/:labId')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda')
  @Endpoint(agendaOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.agenda.agenda(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant', 'applicant')
  @Get('agenda.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="agenda.ics"')
  @Endpoint(agendaOps.calendar)
  calendar(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.agenda.calendar(actor, labId);
  }

  @LabRoles('organiser')
  @Post('sessions')
  @Endpoint(agendaOps.create)
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateSessionDto,
  ) {
    return this.agenda.create(actor, labId, body);
  }

  @LabRoles('organiser')
  @Patch('sessions/:sessionId')
  @Endpoint(agendaOps.update)
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
  @Endpoint(agendaOps.remove)
  async remove(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    await this.agenda.remove(actor, labId, sessionId);
  }
}
