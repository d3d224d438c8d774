import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  ApiErrors,
  AuditService,
  LabRoles,
  type AuditPage,
  type AuditVerification,
} from '@ideas-lab/platform';
import { LabIdPipe } from './labs.controller.js';

export class AuditPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Return events older than this sequence number (from nextBefore).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'before must be a whole number' })
  @Min(1)
  before?: number;
}

export class AuditVerificationDto {
  @ApiProperty() valid: boolean;
  @ApiProperty() checked: number;
  @ApiPropertyOptional() firstBrokenSeq?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('labs/:labId/audit')
export class LabAuditController {
  constructor(private readonly audit: AuditService) {}

  @LabRoles('organiser')
  @Get()
  @ApiOperation({ summary: "The lab's audit log, newest first (organisers)" })
  @ApiResponse({
    status: 200,
    schema: {
      example: {
        items: [
          {
            seq: 12,
            at: '2026-07-20T14:00:00.000Z',
            actorId: '…',
            action: 'lab.phase_changed',
            entityType: 'lab',
            entityId: '…',
            data: { from: 'draft', to: 'applications_open' },
            hash: '…',
          },
        ],
        nextBefore: null,
      },
    },
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
  page(
    @Param('labId', LabIdPipe) labId: string,
    @Query() query: AuditPageQueryDto,
  ): Promise<AuditPage> {
    return this.audit.pageOfLab(labId, query.limit ?? 50, query.before ?? null);
  }

  @LabRoles('organiser')
  @Get('verify')
  @ApiOperation({ summary: "Recompute the lab's hash chain and report the first broken link" })
  @ApiResponse({ status: 200, type: AuditVerificationDto })
  @ApiErrors(401, 'UNAUTHENTICATED', 403, 'LAB_ROLE_REQUIRED', 404, 'LAB_NOT_FOUND')
  verify(@Param('labId', LabIdPipe) labId: string): Promise<AuditVerification> {
    return this.audit.verifyLab(labId);
  }
}
