import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGENDA_SESSION_KINDS,
  AGENDA_SESSION_STATES,
  type AgendaSessionKind,
  type AgendaSessionState,
} from '@ideas-lab/domain';

const ISO = { strict: true, strictSeparator: true };
const URL_RULES = { protocols: ['http', 'https'], require_protocol: true };

export class MaterialDto {
  @ApiProperty({ example: 'Pre-reading: the digital twin brief' })
  @IsString({ message: 'title must be text' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title: string;

  @ApiProperty({ example: 'https://example.org/brief.pdf' })
  @IsUrl(URL_RULES, { message: 'url must be an http(s) address' })
  @MaxLength(2000)
  url: string;
}

export class CreateSessionDto {
  @ApiProperty({ enum: AGENDA_SESSION_KINDS })
  @IsIn(AGENDA_SESSION_KINDS, { message: `kind must be one of ${AGENDA_SESSION_KINDS.join(', ')}` })
  kind: AgendaSessionKind;

  @ApiProperty({ example: 'Breakout: what would a digital twin need?' })
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters long' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title: string;

  @ApiProperty({
    format: 'date-time',
    example: '2027-07-13T15:00:00Z',
    description: 'An instant (with Z or an offset); stored in UTC.',
  })
  @IsISO8601(ISO, { message: 'startsAt must be an ISO 8601 date-time, e.g. 2027-07-13T15:00:00Z' })
  startsAt: string;

  @ApiProperty({ format: 'date-time', example: '2027-07-13T16:00:00Z' })
  @IsISO8601(ISO, { message: 'endsAt must be an ISO 8601 date-time, e.g. 2027-07-13T16:00:00Z' })
  endsAt: string;

  @ApiPropertyOptional({ type: [MaterialDto] })
  @IsOptional()
  @IsArray({ message: 'materials must be a list of links' })
  @ArrayMaxSize(30, { message: 'materials may hold at most 30 links' })
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];

  @ApiPropertyOptional({ nullable: true, example: 'https://zoom.example/j/123' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(URL_RULES, { message: 'meetingUrl must be an http(s) address' })
  @MaxLength(2000)
  meetingUrl?: string | null;
}

export class UpdateSessionDto {
  @ApiProperty({ description: 'The version you edited (optimistic locking).' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: AGENDA_SESSION_KINDS })
  @IsOptional()
  @IsIn(AGENDA_SESSION_KINDS, { message: `kind must be one of ${AGENDA_SESSION_KINDS.join(', ')}` })
  kind?: AgendaSessionKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'title must be text' })
  @MinLength(3, { message: 'title must be at least 3 characters long' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'startsAt must be an ISO 8601 date-time, e.g. 2027-07-13T15:00:00Z' })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601(ISO, { message: 'endsAt must be an ISO 8601 date-time, e.g. 2027-07-13T16:00:00Z' })
  endsAt?: string;

  @ApiPropertyOptional({ type: [MaterialDto] })
  @IsOptional()
  @IsArray({ message: 'materials must be a list of links' })
  @ArrayMaxSize(30, { message: 'materials may hold at most 30 links' })
  @ValidateNested({ each: true })
  @Type(() => MaterialDto)
  materials?: MaterialDto[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(URL_RULES, { message: 'meetingUrl must be an http(s) address' })
  @MaxLength(2000)
  meetingUrl?: string | null;

  @ApiPropertyOptional({ enum: AGENDA_SESSION_STATES })
  @IsOptional()
  @IsIn(AGENDA_SESSION_STATES, {
    message: `state must be one of ${AGENDA_SESSION_STATES.join(', ')}`,
  })
  state?: AgendaSessionState;
}

export class SessionViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AGENDA_SESSION_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time', description: 'UTC instant.' }) startsAt: string;
  @ApiProperty({ format: 'date-time', description: 'UTC instant.' }) endsAt: string;
  @ApiProperty({
    example: '13 July 2027 at 11:00 EDT (America/New_York)',
    description: "Start as read in the lab's time zone.",
  })
  startsAtLocal: string;
  @ApiProperty({ example: '13 July 2027 at 12:00 EDT (America/New_York)' }) endsAtLocal: string;
  @ApiProperty({ example: '2027-07-13', description: "The workshop day (lab's time zone)." })
  day: string;
  @ApiProperty({ type: [MaterialDto] }) materials: MaterialDto[];
  @ApiProperty({ nullable: true, type: String }) meetingUrl: string | null;
  @ApiProperty({ enum: AGENDA_SESSION_STATES }) state: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class AgendaViewDto {
  @ApiProperty({ format: 'uuid' }) labId: string;
  @ApiProperty({ example: 'America/New_York' }) timezone: string;
  @ApiProperty({ type: [SessionViewDto] }) sessions: SessionViewDto[];
}
