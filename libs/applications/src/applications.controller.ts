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
import { CurrentActor, Endpoint, LabRoles, uuidParam } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { ApplicationFormsService } from './application-forms.service.js';
import {
  GrantExtensionDto,
  ListApplicationsQueryDto,
  PublishApplicationFormDto,
  SubmitApplicationDto,
  UpdateApplicationDto,
  applicationFormOps,
  applicationsOps,
  labApplicationsOps,
  myApplicationsOps,
} from './applications.contract.js';
import { ApplicationsService } from './applications.service.js';
import { LabApplicationsService } from './lab-applications.service.js';

const LabIdPipe = uuidParam('labId');
const ApplicationIdPipe = uuidParam('applicationId');

@Controller('labs/:labId/application-form')
export class ApplicationFormController {
  constructor(private readonly forms: ApplicationFormsService) {}

  @LabRoles('organiser')
  @Put()
  @Endpoint(applicationFormOps.publish)
  publish(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Body() body: PublishApplicationFormDto,
  ) {
    return this.forms.publish(actor, labId, body.questions);
  }

  @Get()
  @Endpoint(applicationFormOps.current)
  current(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.forms.current(actor, labId);
  }
}

@Controller('labs/:labId')
export class LabApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly labApplications: LabApplicationsService,
  ) {}

  @Post('applications')
  @Endpoint(labApplicationsOps.start)
  start(@CurrentActor() actor: Actor, @Param('labId', LabIdPipe) labId: string) {
    return this.applications.start(actor, labId);
  }

  @LabRoles('organiser')
  @Get('applications')
  @Endpoint(labApplicationsOps.list)
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: ListApplicationsQueryDto,
  ) {
    return this.labApplications.list(actor, labId, query);
  }

  @LabRoles('organiser')
  @Get('applications.csv')
  @Endpoint(labApplicationsOps.exportCsv)
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
  @Endpoint(labApplicationsOps.grantExtension)
  grantExtension(
    @CurrentActor() actor: Actor,
    @Param('labId', LabIdPipe) labId: string,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: GrantExtensionDto,
  ) {
    return this.applications.grantExtension(actor, labId, applicationId, new Date(body.until));
  }
}

@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get(':applicationId')
  @Endpoint(applicationsOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ) {
    return this.applications.get(actor, applicationId);
  }

  @Patch(':applicationId')
  @Endpoint(applicationsOps.update)
  update(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: UpdateApplicationDto,
  ) {
    return this.applications.update(actor, applicationId, body);
  }

  @Post(':applicationId/submit')
  @Endpoint(applicationsOps.submit)
  submit(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
    @Body() body: SubmitApplicationDto,
  ) {
    return this.applications.submit(actor, applicationId, body.version);
  }

  @Post(':applicationId/withdraw')
  @Endpoint(applicationsOps.withdraw)
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('applicationId', ApplicationIdPipe) applicationId: string,
  ) {
    return this.applications.withdraw(actor, applicationId);
  }
}

@Controller('me/applications')
export class MyApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Endpoint(myApplicationsOps.mine)
  mine(@CurrentActor() actor: Actor) {
    return this.applications.mine(actor);
  }
}
