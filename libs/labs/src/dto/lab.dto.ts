import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { LAB_PHASES, type LabPhase } from '@ideas-lab/domain';

/** An optional, clearable date-time: absent keeps the value, null clears it. */
const OptionalDateTime = (name: string) =>
  applyDecorators(
    ApiPropertyOptional({ format: 'date-time', nullable: true }),
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    IsISO8601(
      { strict: true, strictSeparator: true },
      { message: `${name} must be an ISO 8601 date-time, e.g. 2026-05-01T09:00:00Z` },
    ),
  );

export class LabDatesDto {
  @OptionalDateTime('applicationsOpenAt')
  applicationsOpenAt?: string | null;

  @OptionalDateTime('applicationsCloseAt')
  applicationsCloseAt?: string | null;

  @OptionalDateTime('workshopStartAt')
  workshopStartAt?: string | null;

  @OptionalDateTime('workshopEndAt')
  workshopEndAt?: string | null;

  @OptionalDateTime('proposalsDueAt')
  proposalsDueAt?: string | null;
}

/** A list of up to 50 distinct, non-empty names. */
const TaxonomyList = (name: string) =>
  applyDecorators(
    IsOptional(),
    IsArray({ message: `${name} must be a list of names` }),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MinLength(1, { each: true, message: `each of ${name} must be a non-empty name` }),
    MaxLength(80, { each: true }),
  );

export class LabTaxonomyDto {
  @ApiPropertyOptional({ type: [String], example: ['AI', 'bioinformatics'] })
  @TaxonomyList('disciplines')
  disciplines?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['graduate student', 'early career', 'mid career', 'senior'],
  })
  @TaxonomyList('careerStages')
  careerStages?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['university', 'national laboratory', 'industry'],
  })
  @TaxonomyList('organisationTypes')
  organisationTypes?: string[];
}

export class TeamSizeDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt({ message: 'min must be a whole number' })
  @Min(1)
  @Max(50)
  min?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt({ message: 'max must be a whole number' })
  @Min(1)
  @Max(50)
  max?: number;
}

export class FundingDto {
  @ApiPropertyOptional({
    description: 'The seed-funding pool in major units (e.g. dollars), up to 2 decimals.',
    example: 1_000_000,
  })
  @IsOptional()
  @IsNumber(
    { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false },
    { message: 'pool must be an amount with at most 2 decimals' },
  )
  @Min(0)
  @Max(1e12)
  pool?: number;

  @ApiPropertyOptional({ example: 'USD', description: 'ISO 4217 currency code.' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, {
    message: 'currency must be a three-letter ISO 4217 code such as USD or EUR',
  })
  currency?: string;
}

const TitleRules = () =>
  applyDecorators(
    IsString(),
    MinLength(3, { message: 'title must be at least 3 characters long' }),
    MaxLength(200),
  );
const SlugRules = () =>
  applyDecorators(
    Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
      message:
        'slug may hold only lower-case letters, digits and single hyphens (e.g. cancer-digital-twin)',
    }),
    MaxLength(80),
  );

/**
 * The settings of a lab other than its title and slug, every one optional. (class-validator
 * inherits constraints, so required and optional title/slug live in the subclasses.)
 */
export class LabSettingsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  theme?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description: 'IANA time zone; deadlines are shown in it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, example: 30 })
  @IsOptional()
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(10_000)
  capacity?: number;

  @ApiPropertyOptional({ type: LabDatesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LabDatesDto)
  dates?: LabDatesDto;

  @ApiPropertyOptional({ type: LabTaxonomyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LabTaxonomyDto)
  taxonomy?: LabTaxonomyDto;

  @ApiPropertyOptional({ type: TeamSizeDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TeamSizeDto)
  teamSize?: TeamSizeDto;

  @ApiPropertyOptional({ type: FundingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => FundingDto)
  funding?: FundingDto;
}

export class CreateLabDto extends LabSettingsDto {
  @ApiProperty({ example: 'Toward Building a Cancer Patient Digital Twin' })
  @TitleRules()
  title: string;

  @ApiProperty({
    example: 'cancer-digital-twin',
    description: 'Lower-case letters, digits and hyphens.',
  })
  @SlugRules()
  slug: string;
}

export class UpdateLabDto extends LabSettingsDto {
  @ApiPropertyOptional({ example: 'Toward Building a Cancer Patient Digital Twin' })
  @IsOptional()
  @TitleRules()
  title?: string;

  @ApiPropertyOptional({
    example: 'cancer-digital-twin',
    description: 'Lower-case letters, digits and hyphens.',
  })
  @IsOptional()
  @SlugRules()
  slug?: string;

  @ApiProperty({
    description:
      'The version you edited; a newer version on the server is a 409 LAB_VERSION_CONFLICT.',
  })
  @IsInt({ message: 'version must be the whole-number version of the lab you edited' })
  @Min(1)
  version: number;
}

export class ChangePhaseDto {
  @ApiProperty({ enum: LAB_PHASES })
  @IsIn(LAB_PHASES as unknown as string[], {
    message: `to must be one of ${LAB_PHASES.join(', ')}`,
  })
  to: LabPhase;

  @ApiPropertyOptional({
    description: 'Close selection with fewer confirmed participants than the capacity.',
  })
  @IsOptional()
  @IsBoolean()
  acceptUnderCapacity?: boolean;
}

export class LabDatesViewDto {
  @ApiProperty({ nullable: true, format: 'date-time' }) applicationsOpenAt: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) applicationsCloseAt: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) workshopStartAt: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) workshopEndAt: string | null;
  @ApiProperty({ nullable: true, format: 'date-time' }) proposalsDueAt: string | null;
}

export class LabTaxonomyViewDto {
  @ApiProperty({ type: [String] }) disciplines: string[];
  @ApiProperty({ type: [String] }) careerStages: string[];
  @ApiProperty({ type: [String] }) organisationTypes: string[];
}

export class LabViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() theme: string;
  @ApiProperty() description: string;
  @ApiProperty() timezone: string;
  @ApiProperty({ enum: LAB_PHASES }) phase: LabPhase;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: LabDatesViewDto }) dates: LabDatesViewDto;
  @ApiProperty({ type: LabTaxonomyViewDto }) taxonomy: LabTaxonomyViewDto;
  @ApiProperty({ example: { min: 3, max: 6 } }) teamSize: { min: number; max: number };
  @ApiProperty({ example: { pool: 1000000, currency: 'USD' } }) funding: {
    pool: number;
    currency: string;
  };
  @ApiProperty({ type: [String], description: 'Your roles in this lab.' }) myRoles: string[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LabSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: LAB_PHASES }) phase: LabPhase;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: [String] }) myRoles: string[];
}

export class CallPageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() theme: string;
  @ApiProperty() description: string;
  @ApiProperty() timezone: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: LabDatesViewDto }) dates: LabDatesViewDto;
  @ApiProperty({ type: LabTaxonomyViewDto }) taxonomy: LabTaxonomyViewDto;
}
