import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsJWT,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
} from 'class-validator';
import type {
  AdjustTimerPayload,
  AskHelpPayload,
  BroadcastPayload,
  CloseRoundPayload,
  DecideTimePayload,
  HelpRequestRef,
  AuthRefreshPayload,
  MentorTopicsPayload,
  MentorVisitPayload,
  OpenRoundPayload,
  PinPayload,
  RecreateRoomsPayload,
  SendChatPayload,
  UnpinPayload,
} from '../live-events.js';

/** `lab`, `room:<roomId>` or `team:<teamId>`. */
export const CHANNEL_PATTERN =
  /^(lab|(room|team):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const CHANNEL_MESSAGE = 'channel must be "lab", "room:<roomId>" or "team:<teamId>"';

export class OpenRoundDto implements OpenRoundPayload {
  @IsUUID()
  roundId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  durationSeconds?: number;
}

export class CloseRoundDto implements CloseRoundPayload {
  @IsUUID()
  roundId: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  graceSeconds?: number;
}

export class AdjustTimerDto implements AdjustTimerPayload {
  @IsUUID()
  roundId: string;

  @IsInt()
  @Min(-3 * 3600)
  @Max(3 * 3600)
  @NotEquals(0)
  deltaSeconds: number;
}

export class BroadcastDto implements BroadcastPayload {
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  message: string;

  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class SendChatDto implements SendChatPayload {
  @IsString()
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_MESSAGE })
  channel: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  clientMessageId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  body: string;
}

export class AskHelpDto implements AskHelpPayload {
  @IsString()
  @Matches(/\S/, { message: 'topic must not be blank' })
  @MaxLength(80)
  topic: string;
}

export class HelpRequestRefDto implements HelpRequestRef {
  @IsUUID()
  requestId: string;
}

export class MentorTopicsDto implements MentorTopicsPayload {
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(80, { each: true })
  topics: string[];
}

export class DecideTimeDto implements DecideTimePayload {
  @IsUUID()
  requestId: string;

  @IsBoolean()
  approve: boolean;
}

export class PinDto implements PinPayload {
  @IsString()
  @Matches(/\S/, { message: 'message must not be blank' })
  @MaxLength(500)
  message: string;

  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class UnpinDto implements UnpinPayload {
  @IsUUID()
  pinId: string;
}

export class RecreateRoomsDto implements RecreateRoomsPayload {
  @IsUUID()
  roundId: string;

  @IsIn(['plan', 'size'])
  from: 'plan' | 'size';

  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(50)
  roomSize?: number;

  @IsOptional()
  @IsBoolean()
  onlineOnly?: boolean;
}

export class MentorVisitDto implements MentorVisitPayload {
  @IsOptional()
  @IsUUID()
  roomId: string | null;
}

export class AuthRefreshDto implements AuthRefreshPayload {
  @IsJWT()
  token: string;
}

export class ChatHistoryQueryDto {
  @ApiPropertyOptional({
    description: '`lab` (default), `room:<roomId>` or `team:<teamId>`',
    example: 'lab',
  })
  @IsOptional()
  @IsString()
  @Matches(CHANNEL_PATTERN, { message: CHANNEL_MESSAGE })
  channel?: string;

  @ApiPropertyOptional({ description: 'Only messages older than this message id', example: '120' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'before must be a message id' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

class ChatSenderDto {
  @ApiProperty() userId: string;
  @ApiProperty() displayName: string;
}

export class ChatMessageDto {
  @ApiProperty({ description: 'Ordered message id (a bigint, as a string)', example: '121' })
  id: string;
  @ApiProperty({ example: 'lab' }) channel: string;
  @ApiProperty({ type: ChatSenderDto }) sender: ChatSenderDto;
  @ApiProperty() body: string;
  @ApiProperty() clientMessageId: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
}

export class ChatPageDto {
  @ApiProperty({ example: 'lab' }) channel: string;
  @ApiProperty({ type: [ChatMessageDto], description: 'Oldest first' }) messages: ChatMessageDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `before` for the page before; null at the start',
  })
  nextBefore: string | null;
}
