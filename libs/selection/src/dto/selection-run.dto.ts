import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const BOUNDS_EXAMPLE = { AI: { min: 2, max: 6 }, bioinformatics: { min: 2 } };

export class SelectionQuotasDto {
  @ApiPropertyOptional({
    example: BOUNDS_EXAMPLE,
    description: 'min/max selected per primary discipline (the lab taxonomy values).',
  })
  @IsOptional()
  @IsObject({ message: 'quotas.discipline must map disciplines to { min, max }' })
  discipline?: Record<string, { min?: number; max?: number }>;

  @ApiPropertyOptional({
    example: { 'early career': { min: 3 } },
    description: 'min/max selected per career stage.',
  })
  @IsOptional()
  @IsObject({ message: 'quotas.careerStage must map career stages to { min, max }' })
  careerStage?: Record<string, { min?: number; max?: number }>;

  @ApiPropertyOptional({
    example: { 'national laboratory': { max: 2 } },
    description: 'min/max selected per organisation type.',
  })
  @IsOptional()
  @IsObject({ message: 'quotas.organisationType must map organisation types to { min, max }' })
  organisationType?: Record<string, { min?: number; max?: number }>;

  @ApiPropertyOptional({
    example: 2,
    description:
      'At most this many from one institution (names compared trimmed and case-insensitively).',
  })
  @IsOptional()
  @IsInt({ message: 'quotas.maxPerInstitution must be a whole number' })
  @Min(0)
  maxPerInstitution?: number;

  @ApiPropertyOptional({ example: 10, description: 'At most this many from one country.' })
  @IsOptional()
  @IsInt({ message: 'quotas.maxPerCountry must be a whole number' })
  @Min(0)
  maxPerCountry?: number;
}

export class SelectionLotteryDto {
  @ApiProperty({
    example: 0.1,
    description: 'Merit distance from the selection line within which applicants are drawn by lot.',
  })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'lottery.tolerance must be a number' },
  )
  @Min(0)
  tolerance: number;

  @ApiPropertyOptional({
    example: 'draw-2027',
    description: 'Seed of the draw (overrides the run seed).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  seed?: string;
}

export class CreateSelectionRunDto {
  @ApiPropertyOptional({ type: SelectionQuotasDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelectionQuotasDto)
  quotas?: SelectionQuotasDto;

  @ApiPropertyOptional({ type: [String], description: 'Application ids that must be selected.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true, message: 'mustInclude must list application ids' })
  mustInclude?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Application ids that must not be selected.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true, message: 'mustExclude must list application ids' })
  mustExclude?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Application ids that may be selected although not available for the whole workshop.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true, message: 'availabilityOverrides must list application ids' })
  availabilityOverrides?: string[];

  @ApiPropertyOptional({
    example: 30,
    description: "Places to fill (default: the lab's capacity).",
  })
  @IsOptional()
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(100_000)
  capacity?: number;

  @ApiPropertyOptional({
    type: SelectionLotteryDto,
    description: 'Partial randomisation around the selection line.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SelectionLotteryDto)
  lottery?: SelectionLotteryDto;

  @ApiPropertyOptional({
    example: '2027-selection',
    description: 'Seed stored with the run (default: a random one).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  seed?: string;
}

export class AdoptSelectionRunDto {
  @ApiPropertyOptional({
    example: '2027-05-15T21:00:00Z',
    description:
      'Accepted applicants confirm or decline by then: in the future and before the workshop starts (default: 14 days from now, or the workshop start if sooner).',
  })
  @IsOptional()
  @IsDateString({}, { message: 'confirmBy must be an ISO 8601 date-time' })
  confirmBy?: string;

  @ApiPropertyOptional({
    example: 7,
    description:
      'Someone promoted from the waitlist (after a decline or a missed date) has this many days to answer, never past the workshop start (default: 7).',
  })
  @IsOptional()
  @IsInt({ message: 'promotedConfirmDays must be a whole number of days' })
  @Min(1, { message: 'promotedConfirmDays must be at least 1' })
  @Max(60, { message: 'promotedConfirmDays must be at most 60' })
  promotedConfirmDays?: number;

  @ApiPropertyOptional({
    example: false,
    description:
      'Submitted applications that are not in the run (nobody had reviewed them when it was made) are declined only when this is true; otherwise adopting is refused with SELECTION_UNREVIEWED_APPLICATIONS.',
  })
  @IsOptional()
  @IsBoolean({ message: 'declineUnreviewed must be true or false' })
  declineUnreviewed?: boolean;
}
