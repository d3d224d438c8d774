import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class SaveReviewDto {
  @ApiPropertyOptional({
    example: { expertise: 4, collaboration: 5 },
    description: 'Score per criterion id (null clears one); replaces the saved scores.',
  })
  @IsOptional()
  @IsObject({ message: 'scores must map criterion ids to scores' })
  scores?: Record<string, number | null>;

  @ApiPropertyOptional({ example: 'Strong modeller; would pair well with a clinician.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  comment?: string;
}

export const SCORE_SORTS = [
  'merit',
  'weightedScore',
  'rawMean',
  'reviewCount',
  'spread',
  'name',
] as const;
export type ScoreSort = (typeof SCORE_SORTS)[number];

export class ScoresQueryDto {
  @ApiPropertyOptional({ enum: SCORE_SORTS, default: 'merit' })
  @IsOptional()
  @IsIn(SCORE_SORTS)
  sort?: ScoreSort;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}
