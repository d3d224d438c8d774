import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import { uuidParam } from '@ideas-lab/platform';
import { FundingExportTable } from './funding.contract.js';

/** Path ids that must be UUIDs; anything else is a clear 400 naming the parameter. */
export const LabId = uuidParam('labId');
export const FundingRoundId = uuidParam('fundingRoundId');
export const ProposalId = uuidParam('proposalId');
export const RunId = uuidParam('runId');
export const ReportId = uuidParam('reportId');

export const ExportTableQuery = z
  .strictObject({ table: FundingExportTable })
  .meta({ id: 'FundingExportTableQuery' });
export class ExportTableQueryDto extends createZodDto(ExportTableQuery) {}
