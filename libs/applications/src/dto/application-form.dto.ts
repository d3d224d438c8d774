import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QUESTION_TYPES, type QuestionType } from '@ideas-lab/domain';

export class FormQuestionDto {
  @ApiProperty({
    example: 'motivation',
    description: 'Stable id the answers are keyed by: lower-case letters, digits, _ or -.',
  })
  @IsString({ message: 'id must be text' })
  @MaxLength(40)
  id: string;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES as unknown as string[], {
    message: `type must be one of ${QUESTION_TYPES.join(', ')}`,
  })
  type: QuestionType;

  @ApiProperty({ example: 'Why do you want to join this Ideas Lab?' })
  @IsString()
  @IsNotEmpty({ message: 'label must not be empty' })
  @MaxLength(500)
  label: string;

  @ApiPropertyOptional({ example: 'Tell us what you would bring to a team.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  helpText?: string;

  @ApiProperty()
  @IsBoolean({ message: 'required must be true or false' })
  required: boolean;

  @ApiPropertyOptional({ example: 300, description: 'long_text only.' })
  @IsOptional()
  @IsInt({ message: 'wordLimit must be a whole number' })
  @Min(1)
  @Max(10_000)
  wordLimit?: number;

  @ApiPropertyOptional({ type: [String], description: 'single_choice and multiple_choice only.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];

  @ApiPropertyOptional({ description: 'yes_no only: a consent that must be answered yes.' })
  @IsOptional()
  @IsBoolean()
  requireYes?: boolean;
}

export class PublishApplicationFormDto {
  @ApiProperty({ type: [FormQuestionDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'a form needs at least one question' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FormQuestionDto)
  questions: FormQuestionDto[];
}

export class ApplicationFormViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: [FormQuestionDto] }) questions: FormQuestionDto[];
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}
