import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AdminOnly,
  CurrentActor,
  Endpoint,
  LabRoles,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  CallPage,
  ChangePhaseDto,
  CreateLabDto,
  LabPhaseOption,
  OpenCall,
  LabSummary,
  LabView,
  UpdateLabDto,
} from './labs.contract.js';
import { LabsService } from './labs.service.js';

/** `:labId` must be a UUID; anything else is a clear 400. */
export const LabIdPipe = uuidParam('labId');

@ApiTags('labs')
@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  @Endpoint({ summary: 'The labs I hold a role in (admins: every lab)', response: [LabSummary] })
  list(@CurrentActor() actor: Actor) {
    return this.labs.list(actor);
  }

  @AdminOnly()
  @Post()
  @Endpoint({
    summary: 'Create a lab (admins)',
    response: LabView,
    errors: ['LAB_SETTINGS_INVALID', 'LAB_SLUG_TAKEN'],
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLabDto) {
    return this.labs.create(actor, body);
  }

  @Get(':labId')
  @Endpoint({
    summary: 'A lab (members and admins; anyone signed in while applications are open)',
    response: LabView,
  })
  get(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.labs.get(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':labId')
  @Endpoint({
    summary: "Edit a lab's settings (organisers), with optimistic locking on `version`",
    response: LabView,
    errors: ['LAB_SETTINGS_INVALID', 'LAB_VERSION_CONFLICT', 'LAB_SLUG_TAKEN'],
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: UpdateLabDto,
  ) {
    return this.labs.update(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post(':labId/phase')
  @Endpoint({
    summary: 'Move the lab to another phase (organisers); guarded by the phase rules',
    response: LabView,
    status: 200,
    errors: [
      'LAB_PHASE_SKIP',
      'LAB_PHASE_UNCHANGED',
      'LAB_PHASE_BACKWARD_NOT_ALLOWED',
      'LAB_PHASE_INCOMPLETE_SETTINGS',
      'LAB_PHASE_UNDER_CAPACITY',
      'LAB_PHASE_ROUND_OPEN',
      'LAB_PHASE_SELECTION_ADOPTED',
      'LAB_PHASE_FINAL',
      'LAB_PHASE_CHANGED_CONCURRENTLY',
    ],
  })
  changePhase(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: ChangePhaseDto,
  ) {
    return this.labs.changePhase(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get(':labId/phase-options')
  @Endpoint({
    summary:
      "The phase steps an organiser may be offered now (next, and back where the rules allow), each with the server's verdict",
    response: [LabPhaseOption],
  })
  phaseOptions(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.labs.phaseOptions(actor, labId);
  }
}

@ApiTags('labs')
@Controller('calls')
export class CallsController {
  constructor(private readonly labs: LabsService) {}

  @Public()
  @Get()
  @Endpoint({
    summary: 'Every lab whose applications are open now, the soonest to close first',
    response: [OpenCall],
  })
  openCalls() {
    return this.labs.openCalls();
  }

  @Public()
  @Get(':slug')
  @Endpoint({
    summary: "A lab's public call page, while its applications are open",
    response: CallPage,
    errors: ['LAB_NOT_FOUND'],
  })
  callPage(@Param('slug') slug: string) {
    return this.labs.callPage(slug);
  }
}
