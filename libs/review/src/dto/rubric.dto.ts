import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ScaleDto {
  @ApiProperty({ example: 1 }) @IsInt({ message: 'scale.min must be a whole number' }) min: number;
  @ApiProperty({ example: 5 }) @IsInt({ message: 'scale.max must be a whole number' }) max: number;
}

export class ReviewCriterionDto {
  @ApiProperty({ example: 'expertise', description: 'Stable id; scores are keyed by it.' })
  @IsString()
  @MaxLength(40)
  id: string;
  @ApiProperty({ example: 'Relevant expertise' }) @IsString() @MaxLength(200) label: string;
  @ApiPropertyOptional({
    example: 'Depth of expertise in one of the eight areas and how it serves the challenge.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
  @ApiProperty({ example: 2, description: 'Relative weight, greater than 0.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'weight must be a number' })
  weight: number;
  @ApiProperty({ type: ScaleDto }) @ValidateNested() @Type(() => ScaleDto) scale: ScaleDto;
}

export class PutRubricDto {
  @ApiProperty({ type: [ReviewCriterionDto] })
  @IsArray({ message: 'criteria must be a list' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReviewCriterionDto)
  criteria: ReviewCriterionDto[];

  @ApiPropertyOptional({
    example: 'What would this person bring to a team?',
    description: 'Shown above the free comment.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentPrompt?: string;

  @ApiPropertyOptional({
    description:
      'Blind phase: reviewers see no name, institution, country, ORCID iD or links, nor who the other reviewers are.',
  })
  @IsOptional()
  @IsBoolean()
  blind?: boolean;

  @ApiPropertyOptional({
    description: 'The version you edited (optimistic locking); omit to overwrite.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class RubricViewDto {
  @ApiProperty() labId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [ReviewCriterionDto] }) criteria: ReviewCriterionDto[];
  @ApiProperty() commentPrompt: string;
  @ApiProperty() blind: boolean;
  @ApiProperty({
    description:
      'Submitted reviews exist: criteria and scales are fixed, labels and weights may change.',
  })
  locked: boolean;
  @ApiProperty() submittedReviews: number;
  @ApiProperty() updatedAt: string;
}
