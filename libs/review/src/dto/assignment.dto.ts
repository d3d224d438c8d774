import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class LoadBoundsDto {
  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt({ message: 'load.min must be a whole number' })
  @Min(0)
  @Max(10_000)
  min?: number;
  @ApiPropertyOptional({ example: 70 })
  @IsOptional()
  @IsInt({ message: 'load.max must be a whole number' })
  @Min(0)
  @Max(10_000)
  max?: number;
}

export class RunAssignmentDto {
  @ApiProperty({ example: 3, description: 'k: reviews per application.' })
  @IsInt({ message: 'reviewsPerApplication must be a whole number' })
  @Min(1, { message: 'reviewsPerApplication must be at least 1' })
  @Max(20, { message: 'reviewsPerApplication must be at most 20' })
  reviewsPerApplication: number;

  @ApiPropertyOptional({
    type: LoadBoundsDto,
    description: 'Reviews per reviewer; balanced as evenly as possible within it.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => LoadBoundsDto)
  load?: LoadBoundsDto;

  @ApiPropertyOptional({
    type: [String],
    description: 'The reviewers to use (default: every mentor and organiser of the lab).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'reviewerIds must be user ids' })
  reviewerIds?: string[];
}

export class AddAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'applicationId must be an application id' })
  applicationId: string;
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'reviewerId must be a user id' })
  reviewerId: string;
}
