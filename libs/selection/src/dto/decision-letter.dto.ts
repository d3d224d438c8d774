import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class EditDecisionLetterDto {
  @ApiPropertyOptional({ example: 'Digital Twins: you have a place' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'subject must not be empty' })
  @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ example: 'Dear Ada,\n\nWe are delighted…' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'body must not be empty' })
  @MaxLength(20_000)
  body?: string;
}
