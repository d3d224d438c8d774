import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export class ConflictDeclarationDto {
  @ApiPropertyOptional({
    example: 'applicant042@ideas-lab.test',
    description: 'A person: the account e-mail of an applicant.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'applicantEmail must be an e-mail address' })
  applicantEmail?: string;

  @ApiPropertyOptional({
    example: 'Argonne National Laboratory',
    description: 'A whole institution.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  institution?: string;
}

export class DeclareConflictsDto {
  @ApiPropertyOptional({
    example: 'University of Chicago',
    description:
      'Your institution: its applicants are conflicts of interest. Unchanged when absent.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  institution?: string;

  @ApiPropertyOptional({
    type: [ConflictDeclarationDto],
    description: 'Replaces your declared conflicts as a whole. Unchanged when absent.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ConflictDeclarationDto)
  conflicts?: ConflictDeclarationDto[];
}
