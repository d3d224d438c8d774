import { Transform } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, MaxLength } from 'class-validator';

export class AddMemberDto {
  @ApiProperty({
    example: 'mentor7@ideas-lab.test',
    description: 'The e-mail address of an existing account.',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: ['organiser', 'mentor'] })
  @IsIn(['organiser', 'mentor'], { message: 'role must be organiser or mentor' })
  role: 'organiser' | 'mentor';
}

export class CreateInvitationDto extends AddMemberDto {}

export class MemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['organiser', 'mentor', 'participant', 'applicant'] }) role: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['organiser', 'mentor'] }) role: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({
    description: 'Only in the answer to the creation: the link to send to the invitee.',
  })
  acceptUrl?: string;
  @ApiPropertyOptional({ description: 'Only in the answer to the creation.' }) token?: string;
}

export class InvitationPreviewDto {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() labTitle: string;
  @ApiProperty({ enum: ['organiser', 'mentor'] }) role: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'] }) status: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class AcceptedInvitationDto {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ enum: ['organiser', 'mentor'] }) role: string;
}

export class MembershipOfMeDto {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty() labSlug: string;
  @ApiProperty() labTitle: string;
  @ApiProperty() labPhase: string;
  @ApiProperty({ enum: ['organiser', 'mentor', 'participant', 'applicant'] }) role: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() isAdmin: boolean;
  @ApiProperty({ type: [MembershipOfMeDto] }) memberships: MembershipOfMeDto[];
}
