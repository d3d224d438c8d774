import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AdminOnly,
  ApiErrors,
  CurrentActor,
  LabRoles,
  Public,
  uuidParam,
} from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import {
  CallPageDto,
  ChangePhaseDto,
  CreateLabDto,
  LabSummaryDto,
  LabViewDto,
  UpdateLabDto,
} from './dto/lab.dto.js';
import type { CallPage, LabSummary, LabView } from './lab-view.js';
import { LabsService } from './labs.service.js';

/** `:labId` must be a UUID; anything else is a clear 400. */
export const LabIdPipe = uuidParam('labId');

@ApiTags('labs')
@ApiBearerAuth()
@Controller('labs')
export class LabsController {
  constructor(private readonly labs: LabsService) {}

  @Get()
  @ApiOperation({ summary: 'The labs I hold a role in (admins: every lab)' })
  @ApiResponse({ status: 200, type: [LabSummaryDto] })
  @ApiErrors(401, 'UNAUTHENTICATED')
  list(@CurrentActor() actor: Actor): Promise<LabSummary[]> {
    return this.labs.list(actor);
  }

  @AdminOnly()
  @Post()
  @ApiOperation({ summary: 'Create a lab (admins)' })
  @ApiResponse({ status: 201, type: LabViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | LAB_SETTINGS_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'ADMIN_REQUIRED',
    409,
    'LAB_SLUG_TAKEN',
  )
  create(@CurrentActor() actor: Actor, @Body() body: CreateLabDto): Promise<LabView> {
    return this.labs.create(actor, body);
  }

  @Get(':labId')
  @ApiOperation({
    summary: 'A lab (members and admins; anyone signed in while applications are open)',
  })
  @ApiResponse({ status: 200, type: LabViewDto })
  @ApiErrors(400, 'VALIDATION_FAILED', 401, 'UNAUTHENTICATED', 404, 'LAB_NOT_FOUND')
  get(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string): Promise<LabView> {
    return this.labs.get(actor, labId);
  }

  @LabRoles('organiser')
  @Patch(':labId')
  @ApiOperation({
    summary: "Edit a lab's settings (organisers), with optimistic locking on `version`",
  })
  @ApiResponse({ status: 200, type: LabViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | LAB_SETTINGS_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
    409,
    'LAB_VERSION_CONFLICT | LAB_SLUG_TAKEN',
  )
  update(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: UpdateLabDto,
  ): Promise<LabView> {
    return this.labs.update(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post(':labId/phase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move the lab to another phase (organisers); guarded by the phase rules',
  })
  @ApiResponse({ status: 200, type: LabViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
    409,
    'LAB_PHASE_SKIP | LAB_PHASE_UNCHANGED | LAB_PHASE_BACKWARD_NOT_ALLOWED | LAB_PHASE_INCOMPLETE_SETTINGS | LAB_PHASE_UNDER_CAPACITY | LAB_PHASE_FINAL | LAB_PHASE_CHANGED_CONCURRENTLY',
  )
  changePhase(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: ChangePhaseDto,
  ): Promise<LabView> {
    return this.labs.changePhase(actor, labId, body);
  }
}

@ApiTags('labs')
@Controller('calls')
export class CallsController {
  constructor(private readonly labs: LabsService) {}

  @Public()
  @Get(':slug')
  @ApiOperation({ summary: "A lab's public call page, while its applications are open" })
  @ApiResponse({ status: 200, type: CallPageDto })
  @ApiErrors(404, 'LAB_NOT_FOUND')
  callPage(@Param('slug') slug: string): Promise<CallPage> {
    return this.labs.callPage(slug);
  }
}
