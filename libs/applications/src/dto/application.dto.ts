import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@ideas-lab/domain';
import { ApplicationFormViewDto } from './application-form.dto.js';

/** Every field optional: a draft is saved as it is typed; `null` clears a field. */
export class ApplicantProfileDto {
  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;
  @ApiPropertyOptional({ example: 'University of London', description: 'Your institution.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  affiliation?: string | null;
  @ApiPropertyOptional({
    example: 'university',
    description: "One of the lab's organisation types.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationType?: string | null;
  @ApiPropertyOptional({ example: 'early career', description: "One of the lab's career stages." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  careerStage?: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['AI', 'cancer research'],
    description: "From the lab's disciplines.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  disciplines?: string[] | null;

  @ApiPropertyOptional({ example: 'AI', description: 'One of `disciplines`.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  primaryDiscipline?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['mechanistic models', 'tumour growth'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  expertiseKeywords?: string[] | null;

  @ApiPropertyOptional({ example: 'GB', description: 'ISO 3166-1 alpha-2 country code.' })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  country?: string | null;
  @ApiPropertyOptional({
    example: '0000-0002-1825-0097',
    description: 'Optional; checked for its format and check digit.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  orcid?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['https://example.org/ada'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  links?: string[] | null;

  @ApiPropertyOptional({
    example: { '2027-07-12': true, '2027-07-13': false },
    description:
      "Whether you can attend each workshop day (dates in the lab's time zone, see `availability.workshopDays`).",
  })
  @IsOptional()
  @IsObject({ message: 'availability must map workshop days to true or false' })
  availability?: Record<string, boolean> | null;
}

export class UpdateApplicationDto {
  @ApiProperty({
    description:
      'The version you edited; a newer version on the server is a 409 APPLICATION_VERSION_CONFLICT.',
  })
  @IsInt({ message: 'version must be the whole-number version of the application you edited' })
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    type: ApplicantProfileDto,
    description: 'The profile fields to change; others stay.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicantProfileDto)
  profile?: ApplicantProfileDto;

  @ApiPropertyOptional({
    example: {
      motivation: 'I build patient-specific tumour models…',
      role: 'modeller',
      conduct: true,
    },
    description:
      'Answers by question id to change (text, a list of options, or true/false); `null` clears one.',
  })
  @IsOptional()
  @IsObject({ message: 'answers must map question ids to answers' })
  answers?: Record<string, unknown>;
}

export class SubmitApplicationDto {
  @ApiPropertyOptional({
    description:
      'The version you are submitting; when given, a newer version on the server is a 409.',
  })
  @IsOptional()
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version?: number;
}

export class GrantExtensionDto {
  @ApiProperty({
    example: '2027-04-08T21:00:00Z',
    description: "The applicant's personal deadline, later than the lab's.",
  })
  @IsISO8601(
    { strict: true },
    { message: 'until must be an ISO 8601 date-time such as 2027-04-08T21:00:00Z' },
  )
  until: string;
}

export class ListApplicationsQueryDto {
  @ApiPropertyOptional({ description: 'Applicants who listed this discipline.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  discipline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) careerStage?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) organisationType?: string;
  @ApiPropertyOptional({ example: 'US' }) @IsOptional() @IsString() @MaxLength(2) country?: string;

  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES as unknown as string[], {
    message: `status must be one of ${APPLICATION_STATUSES.join(', ')}`,
  })
  status?: ApplicationStatus;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class ExportApplicationsQueryDto extends ListApplicationsQueryDto {}

export class ApplicationDeadlineDto {
  @ApiProperty({
    nullable: true,
    format: 'date-time',
    description: "This applicant's deadline: the lab's, or a later personal extension.",
  })
  closesAt: string | null;
  @ApiProperty({ nullable: true, example: '1 April 2027 at 17:00 EDT (America/New_York)' })
  closesAtInLabTimezone: string | null;
  @ApiProperty({ example: 'America/New_York' }) timezone: string;
  @ApiProperty() extended: boolean;
  @ApiProperty({
    description: 'True once the deadline is past: the application can no longer change.',
  })
  passed: boolean;
}

export class AvailabilityDto {
  @ApiProperty({ type: [String], example: ['2027-07-12', '2027-07-13'] }) workshopDays: string[];
  @ApiProperty({ nullable: true, description: 'null while some day is unanswered.' })
  availableForWholeWorkshop: boolean | null;
  @ApiProperty({ type: [String] }) unavailableDays: string[];
}

export class ApplicationVersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['submitted', 'edited'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ApplicationViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ format: 'uuid' }) applicantId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ description: 'Send it back with the next edit.' }) version: number;
  @ApiProperty({ type: ApplicantProfileDto }) profile: ApplicantProfileDto;
  @ApiProperty({ example: { motivation: '…' } }) answers: Record<string, unknown>;
  @ApiProperty({
    type: ApplicationFormViewDto,
    description: 'The form these answers belong to (frozen once submitted).',
  })
  form: ApplicationFormViewDto;
  @ApiProperty({ type: ApplicationDeadlineDto }) deadline: ApplicationDeadlineDto;
  @ApiProperty({ type: AvailabilityDto }) availability: AvailabilityDto;
  @ApiProperty({
    type: [ApplicationVersionSummaryDto],
    description: 'The submitted content and every later edit.',
  })
  versions: ApplicationVersionSummaryDto[];
  @ApiProperty({ nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) withdrawnAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MyApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() labSlug: string;
  @ApiProperty() labTitle: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ApplicationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicantId: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty({ nullable: true }) name: string | null;
  @ApiProperty({ nullable: true }) affiliation: string | null;
  @ApiProperty({ nullable: true }) organisationType: string | null;
  @ApiProperty({ nullable: true }) careerStage: string | null;
  @ApiProperty({ nullable: true }) primaryDiscipline: string | null;
  @ApiProperty({ type: [String] }) disciplines: string[];
  @ApiProperty({ nullable: true }) country: string | null;
  @ApiProperty({ nullable: true, description: 'null while some day is unanswered.' })
  availableForWholeWorkshop: boolean | null;
  @ApiProperty({ type: [String] }) unavailableDays: string[];
  @ApiProperty({ nullable: true, format: 'date-time' }) extensionUntil: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationSummaryDto] }) items: ApplicationSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FunnelRowDto {
  @ApiProperty({
    nullable: true,
    description: 'The taxonomy value; null for applications that have not said yet.',
  })
  value: string | null;
  @ApiProperty() started: number;
  @ApiProperty() submitted: number;
  @ApiProperty() reviewed: number;
  @ApiProperty() selected: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() withdrawn: number;
}

export class FunnelTotalsDto {
  @ApiProperty() started: number;
  @ApiProperty() submitted: number;
  @ApiProperty() reviewed: number;
  @ApiProperty() selected: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() withdrawn: number;
}

export class FunnelDto {
  @ApiProperty({ type: FunnelTotalsDto }) totals: FunnelTotalsDto;
  @ApiProperty({
    type: [FunnelRowDto],
    description: 'By primary discipline, so the rows add up to the totals.',
  })
  byDiscipline: FunnelRowDto[];
  @ApiProperty({ type: [FunnelRowDto] }) byCareerStage: FunnelRowDto[];
  @ApiProperty({ type: [FunnelRowDto] }) byOrganisationType: FunnelRowDto[];
  @ApiProperty() note: string;
}
