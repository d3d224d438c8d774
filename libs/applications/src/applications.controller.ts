import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, CurrentActor, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ApplicationFormsService } from './application-forms.service.js';
import type { ApplicationFormView, ApplicationView } from './application-view.js';
import { ApplicationsService, type MyApplication } from './applications.service.js';
import { ApplicationFormViewDto, PublishApplicationFormDto } from './dto/application-form.dto.js';
import {
  ApplicationPageDto,
  ApplicationViewDto,
  ExportApplicationsQueryDto,
  GrantExtensionDto,
  ListApplicationsQueryDto,
  MyApplicationDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto.js';
import { LabApplicationsService, type ApplicationPage } from './lab-applications.service.js';

const LabIdPipe = uuidParam('labId');
const ApplicationIdPipe = uuidParam('applicationId');

@ApiTags('applications')
@ApiBearerAuth()
@Controller('labs/:labId/application-form')
export class ApplicationFormController {
  constructor(private readonly forms: ApplicationFormsService) {}

  @LabRoles('organiser')
  @Put()
  @ApiOperation({
    summary:
      "Publish a new version of the lab's application form (organisers); submitted applications keep theirs",
  })
  @ApiResponse({ status: 200, type: ApplicationFormViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | APPLICATION_FORM_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
    409,
    'APPLICATION_FORM_CHANGED_CONCURRENTLY',
  )
  publish(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: PublishApplicationFormDto,
  ): Promise<ApplicationFormView> {
    return this.forms.publish(actor, labId, body.questions);
  }

  @Get()
  @ApiOperation({
    summary:
      "The lab's current application form (its members; anyone signed in while applications are open)",
  })
  @ApiResponse({ status: 200, type: ApplicationFormViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    404,
    'LAB_NOT_FOUND | APPLICATION_FORM_NOT_FOUND',
  )
  current(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
  ): Promise<ApplicationFormView> {
    return this.forms.current(actor, labId);
  }
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('labs/:labId')
export class LabApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly labApplications: LabApplicationsService,
  ) {}

  @Post('applications')
  @ApiOperation({
    summary: 'Start my application to this lab (one per person); I become an applicant of the lab',
  })
  @ApiResponse({ status: 201, type: ApplicationViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    404,
    'LAB_NOT_FOUND',
    409,
    'APPLICATION_ALREADY_EXISTS | APPLICANT_IS_LAB_STAFF | APPLICATIONS_NOT_OPEN | APPLICATION_DEADLINE_PASSED | APPLICATION_FORM_NOT_PUBLISHED',
  )
  start(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
  ): Promise<ApplicationView> {
    return this.applications.start(actor, labId);
  }

  @LabRoles('organiser')
  @Get('applications')
  @ApiOperation({ summary: "The lab's applications, filtered and paged (organisers)" })
  @ApiResponse({ status: 200, type: ApplicationPageDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: ListApplicationsQueryDto,
  ): Promise<ApplicationPage> {
    return this.labApplications.list(actor, labId, query);
  }

  @LabRoles('organiser')
  @Get('applications.csv')
  @ApiOperation({ summary: "The lab's applications as CSV, with the same filters (organisers)" })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'One row per application; the answers to the current form in the last columns.',
    schema: { type: 'string' },
  })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND',
  )
  async exportCsv(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: ExportApplicationsQueryDto,
  ): Promise<StreamableFile> {
    const { filename, csv } = await this.labApplications.exportCsv(actor, labId, query);
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    return new StreamableFile(Buffer.from(`\uFEFF${csv}`, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${filename}"`,
    });
  }

  @LabRoles('organiser')
  @Post('applications/:applicationId/extension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Give one applicant a personal deadline later than the lab’s (organisers)',
  })
  @ApiResponse({ status: 200, type: ApplicationViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | APPLICATION_EXTENSION_INVALID',
    401,
    'UNAUTHENTICATED',
    403,
    'LAB_ROLE_REQUIRED',
    404,
    'LAB_NOT_FOUND | APPLICATION_NOT_FOUND',
    409,
    'APPLICATION_WITHDRAWN',
  )
  grantExtension(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: GrantExtensionDto,
  ): Promise<ApplicationView> {
    return this.applications.grantExtension(actor, labId, applicationId, new Date(body.until));
  }
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':applicationId')
  @ApiOperation({ summary: 'An application (its applicant, and the organisers of its lab)' })
  @ApiResponse({ status: 200, type: ApplicationViewDto })
  @ApiErrors(400, 'VALIDATION_FAILED', 401, 'UNAUTHENTICATED', 404, 'APPLICATION_NOT_FOUND')
  get(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ): Promise<ApplicationView> {
    return this.applications.get(actor, applicationId);
  }

  @Patch(':applicationId')
  @ApiOperation({
    summary:
      'Save changes to my application (partial, autosave) with optimistic locking on `version`',
  })
  @ApiResponse({ status: 200, type: ApplicationViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | APPLICATION_INCOMPLETE',
    401,
    'UNAUTHENTICATED',
    404,
    'APPLICATION_NOT_FOUND',
    409,
    'APPLICATION_VERSION_CONFLICT | APPLICATION_DEADLINE_PASSED | APPLICATIONS_NOT_OPEN | APPLICATION_WITHDRAWN',
  )
  update(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(actor, applicationId, body);
  }

  @Post(':applicationId/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit my application; every problem is listed at once' })
  @ApiResponse({ status: 200, type: ApplicationViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED | APPLICATION_INCOMPLETE',
    401,
    'UNAUTHENTICATED',
    404,
    'APPLICATION_NOT_FOUND',
    409,
    'APPLICATION_VERSION_CONFLICT | APPLICATION_DEADLINE_PASSED | APPLICATIONS_NOT_OPEN | APPLICATION_ALREADY_SUBMITTED | APPLICATION_WITHDRAWN',
  )
  submit(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: SubmitApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.submit(actor, applicationId, body.version);
  }

  @Post(':applicationId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw my application (also after the deadline)' })
  @ApiResponse({ status: 200, type: ApplicationViewDto })
  @ApiErrors(
    400,
    'VALIDATION_FAILED',
    401,
    'UNAUTHENTICATED',
    404,
    'APPLICATION_NOT_FOUND',
    409,
    'APPLICATION_WITHDRAWN',
  )
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ): Promise<ApplicationView> {
    return this.applications.withdraw(actor, applicationId);
  }
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('me/applications')
export class MyApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @ApiOperation({ summary: 'My applications, in every lab' })
  @ApiResponse({ status: 200, type: [MyApplicationDto] })
  @ApiErrors(401, 'UNAUTHENTICATED')
  mine(@CurrentActor() actor: Actor): Promise<MyApplication[]> {
    return this.applications.mine(actor);
  }
}
