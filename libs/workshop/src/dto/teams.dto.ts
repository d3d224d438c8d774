import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateTeamDto {
  @ApiProperty({ example: 'Digital twin of the tumour micro-environment', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @Matches(/\S/, { message: 'name must not be blank' })
  name: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Participants or mentors of the lab',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'each member must be a user id (a UUID)' })
  memberIds: string[];
}

class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class TeamViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [TeamMemberDto] }) members: TeamMemberDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
