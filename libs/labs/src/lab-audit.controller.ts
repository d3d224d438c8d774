import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AuditPage,
  AuditService,
  AuditVerification,
  Endpoint,
  LabRoles,
} from '@ideas-lab/platform';
import { AuditPageQueryDto } from './labs.contract.js';
import { LabAuditService } from './lab-audit.service.js';
import { LabIdPipe } from './labs.controller.js';

@ApiTags('audit')
@Controller('labs/:labId/audit')
export class LabAuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly labAudit: LabAuditService,
  ) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint({ summary: "The lab's audit log, newest first (organisers)", response: AuditPage })
  page(@Param('labId', LabIdPipe) labId: string, @Query() query: AuditPageQueryDto) {
    return this.labAudit.page(labId, query.limit ?? 50, query.before ?? null);
  }

  @LabRoles('organiser')
  @Get('verify')
  @Endpoint({
    summary: "Recompute the lab's hash chain and report the first broken link",
    response: AuditVerification,
  })
  verify(@Param('labId', LabIdPipe) labId: string) {
    return this.audit.verifyLab(labId);
  }
}
