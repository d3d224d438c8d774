import { Controller, Get, Param, Query } from '@nestjs/common';
import { AuditService, Endpoint, LabRoles } from '@ideas-lab/platform';
import { AuditPageQueryDto, labAuditOps } from './labs.contract.js';
import { LabAuditService } from './lab-audit.service.js';
import { LabIdPipe } from './labs.controller.js';

@Controller('labs/:labId/audit')
export class LabAuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly labAudit: LabAuditService,
  ) {}

  @LabRoles('organiser')
  @Get()
  @Endpoint(labAuditOps.page)
  page(@Param('labId', LabIdPipe) labId: string, @Query() query: AuditPageQueryDto) {
    return this.labAudit.page(labId, query.limit ?? 50, query.before ?? null);
  }

  @LabRoles('organiser')
  @Get('verify')
  @Endpoint(labAuditOps.verify)
  verify(@Param('labId', LabIdPipe) labId: string) {
    return this.audit.verifyLab(labId);
  }
}
