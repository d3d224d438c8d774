import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  AdminOnly,
  CurrentActor,
  Endpoint,
  LabRoles,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ChangePhaseDto, CreateLabDto, UpdateLabDto, callsOps, labsOps } from './labs.contract.js';
import { LabsService } from './labs.service.js';

/** `:labId` must be a UUID; anything else is a clear 400. */
export const LabIdPipe = uuidParam('labId');

@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  @Endpoint(labsOps.list)
  list(@CurrentActor() actor: Actor) {
    return this.labs.list(actor);
  }

  @AdminOnly()
  @Post()
  @Endpoint(labsOps.create)
  create(@CurrentActor() actor: Actor, @Body() body: CreateLabDto) {
    return this.labs.create(actor, body);
  }

  @Get(':labId')
  @Endpoint(labsOps.get)
  get(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.labs.get(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':labId')
  @Endpoint(labsOps.update)
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: UpdateLabDto,
  ) {
    return this.labs.update(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post(':labId/phase')
  @Endpoint(labsOps.changePhase)
  changePhase(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: ChangePhaseDto,
  ) {
    return this.labs.changePhase(actor, labId, body);
  }

  @LabRoles('organiser')
  @Get(':labId/phase-options')
  @Endpoint(labsOps.phaseOptions)
  phaseOptions(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.labs.phaseOptions(actor, labId);
  }
}

@Controller('calls')
export class CallsController {
  constructor(private readonly labs: LabsService) {}

  @Public()
  @Get()
  @Endpoint(callsOps.openCalls)
  openCalls() {
    return this.labs.openCalls();
  }

  @Public()
  @Get(':slug')
  @Endpoint(callsOps.callPage)
  callPage(@Param('slug') slug: string) {
    return this.labs.callPage(slug);
  }
}
