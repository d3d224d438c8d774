import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ApplicationFormsService } from './application-forms.service.js';
import {
  ApplicationFormView,
  ApplicationPage,
  ApplicationView,
  GrantExtensionDto,
  ListApplicationsQueryDto,
  MyApplication,
  PublishApplicationFormDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
} from './applications.contract.js';
import { ApplicationsService } from './applications.service.js';
import { LabApplicationsService } from './lab-applications.service.js';

const LabIdPipe = uuidParam('labId');
const ApplicationIdPipe = uuidParam('applicationId');

/** What a change to one's application can meet besides validation. */
const CHANGE_REFUSALS = [
  'APPLICATION_NOT_FOUND',
  'APPLICATION_VERSION_CONFLICT',
  'APPLICATION_DEADLINE_PASSED',
  'APPLICATIONS_NOT_OPEN',
  'APPLICATION_WITHDRAWN',
];

@ApiTags('applications')
@Controller('labs/:labId/application-form')
export class ApplicationFormController {
  constructor(private readonly forms: ApplicationFormsService) {}

  @LabRoles('organiser')
  @Put()
  @Endpoint({
    summary:
      "Publish a new version of the lab's application form (organisers); submitted applications keep theirs",
    response: ApplicationFormView,
    errors: ['APPLICATION_FORM_INVALID', 'APPLICATION_FORM_CHANGED_CONCURRENTLY'],
  })
  publish(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: PublishApplicationFormDto,
  ) {
    return this.forms.publish(actor, labId, body.questions);
  }

  @Get()
  @Endpoint({
    summary:
      "The lab's current application form (its members; anyone signed in while applications are open)",
    response: ApplicationFormView,
    errors: ['APPLICATION_FORM_NOT_FOUND'],
  })
  current(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.forms.current(actor, labId);
  }
}

@ApiTags('applications')
@Controller('labs/:labId')
export class LabApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly labApplications: LabApplicationsService,
  ) {}

  @Post('applications')
  @Endpoint({
    summary: 'Start my application to this lab (one per person); I become an applicant of the lab',
    response: ApplicationView,
    errors: [
      'APPLICATION_ALREADY_EXISTS',
      'APPLICANT_IS_LAB_STAFF',
      'APPLICATIONS_NOT_OPEN',
      'APPLICATION_DEADLINE_PASSED',
      'APPLICATION_FORM_NOT_PUBLISHED',
    ],
  })
  start(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.applications.start(actor, labId);
  }

  @LabRoles('organiser')
  @Get('applications')
  @Endpoint({
    summary: "The lab's applications, filtered and paged (organisers)",
    response: ApplicationPage,
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: ListApplicationsQueryDto,
  ) {
    return this.labApplications.list(actor, labId, query);
  }

  @LabRoles('organiser')
  @Get('applications.csv')
  @Endpoint({
    summary: "The lab's applications as CSV, with the same filters (organisers)",
    response: {
      mediaType: 'text/csv',
      description: 'One row per application; the answers to the current form in the last columns.',
    },
  })
  async exportCsv(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: ListApplicationsQueryDto,
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
  @Endpoint({
    summary: 'Give one applicant a personal deadline later than the lab’s (organisers)',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_EXTENSION_INVALID', 'APPLICATION_NOT_FOUND', 'APPLICATION_WITHDRAWN'],
  })
  grantExtension(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: GrantExtensionDto,
  ) {
    return this.applications.grantExtension(actor, labId, applicationId, new Date(body.until));
  }
}

@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':applicationId')
  @Endpoint({
    summary: 'An application (its applicant, and the organisers of its lab)',
    response: ApplicationView,
    errors: ['APPLICATION_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ) {
    return this.applications.get(actor, applicationId);
  }

  @Patch(':applicationId')
  @Endpoint({
    summary:
      'Save changes to my application (partial, autosave) with optimistic locking on `version`',
    response: ApplicationView,
    errors: ['APPLICATION_INCOMPLETE', ...CHANGE_REFUSALS],
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: UpdateApplicationDto,
  ) {
    return this.applications.update(actor, applicationId, body);
  }

  @Post(':applicationId/submit')
  @Endpoint({
    summary: 'Submit my application; every problem is listed at once',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_INCOMPLETE', 'APPLICATION_ALREADY_SUBMITTED', ...CHANGE_REFUSALS],
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: SubmitApplicationDto,
  ) {
    return this.applications.submit(actor, applicationId, body.version);
  }

  @Post(':applicationId/withdraw')
  @Endpoint({
    summary: 'Withdraw my application (also after the deadline)',
    response: ApplicationView,
    status: 200,
    errors: ['APPLICATION_NOT_FOUND', 'APPLICATION_WITHDRAWN'],
  })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ) {
    return this.applications.withdraw(actor, applicationId);
  }
}

@ApiTags('applications')
@Controller('me/applications')
export class MyApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Endpoint({ summary: 'My applications, in every lab', response: [MyApplication] })
  mine(@CurrentActor() actor: Actor) {
    return this.applications.mine(actor);
  }
}
