import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const URL_RULES = { protocols: ['http', 'https'], require_protocol: true };

export class CreatePlanDto {
  @ApiProperty({
    minimum: 1,
    maximum: 20,
    example: 6,
    description: 'Rounds in the session, rounds already held included.',
  })
  @IsInt({ message: 'rounds must be a whole number' })
  @Min(1, { message: 'rounds must be at least 1' })
  @Max(20, { message: 'rounds must be at most 20' })
  rounds: number;

  @ApiProperty({ minimum: 2, maximum: 30, example: 5 })
  @IsInt({ message: 'roomSize must be a whole number' })
  @Min(2, { message: 'roomSize must be at least 2' })
  @Max(30, { message: 'roomSize must be at most 30' })
  roomSize: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10, default: 0 })
  @IsOptional()
  @IsInt({ message: 'minDisciplinesPerRoom must be a whole number' })
  @Min(0)
  @Max(10, { message: 'minDisciplinesPerRoom must be at most 10' })
  minDisciplinesPerRoom?: number;

  @ApiPropertyOptional({
    example: 'workshop-day-2',
    description: 'Same inputs and seed give the same plan; a random seed when absent.',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'seed must be 1–64 letters, digits, dots, dashes or underscores',
  })
  seed?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['early career'],
    description: 'Career stages whose holders should not be alone in a room.',
  })
  @IsOptional()
  @IsArray({ message: 'neverAloneCareerStages must be a list' })
  @ArrayMaxSize(10)
  @IsString({ each: true })
  neverAloneCareerStages?: string[];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 240,
    default: 20,
    description: 'Length of each new round.',
  })
  @IsOptional()
  @IsInt({ message: 'roundMinutes must be a whole number' })
  @Min(1)
  @Max(240)
  roundMinutes?: number;
}

export class RoomInputDto {
  @ApiProperty({ example: 'Room A' })
  @IsString({ message: 'name must be text' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(80, { message: 'name must be at most 80 characters' })
  name: string;

  @ApiPropertyOptional({ nullable: true, example: 'https://zoom.example/j/room-a' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl(URL_RULES, { message: 'meetingUrl must be an http(s) address' })
  @MaxLength(2000)
  meetingUrl?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'A mentor of the lab.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'mentorId must be a user id (a UUID)' })
  mentorId?: string | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 500,
    nullable: true,
    description: 'Seats, for self-select rounds.',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1, { message: 'capacity must be at least 1' })
  @Max(500)
  capacity?: number | null;
}

export class UpdateRoomDto extends RoomInputDto {
  @ApiPropertyOptional({ example: 'Room A' })
  @IsOptional()
  declare name: string;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'Round 4: pick a challenge' })
  @IsString({ message: 'title must be text' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ minimum: 1, maximum: 240, example: 20 })
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(1, { message: 'durationMinutes must be at least 1' })
  @Max(240, { message: 'durationMinutes must be at most 240' })
  durationMinutes: number;

  @ApiProperty({ enum: ['assigned', 'self-select'] })
  @IsIn(['assigned', 'self-select'], { message: 'mode must be assigned or self-select' })
  mode: 'assigned' | 'self-select';

  @ApiProperty({ type: [RoomInputDto] })
  @IsArray({ message: 'rooms must be a list' })
  @ArrayMinSize(1, { message: 'rooms must hold at least one room' })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoomInputDto)
  rooms: RoomInputDto[];
}

export class RoundStateDto {
  @ApiProperty({ enum: ['open', 'closed'] })
  @IsIn(['open', 'closed'], { message: 'state must be open or closed' })
  state: 'open' | 'closed';
}

export class RecreateRoomsDto {
  @ApiProperty({
    enum: ['plan', 'size'],
    description:
      'plan: the rooms the adopted plan gave this round (undoing moves); size: new rooms of about roomSize, planned for new encounters and discipline mix',
  })
  @IsIn(['plan', 'size'], { message: 'from must be plan or size' })
  from: 'plan' | 'size';

  @ApiPropertyOptional({ minimum: 2, maximum: 50, description: 'With from=size: people per room' })
  @IsOptional()
  @IsInt({ message: 'roomSize must be a whole number' })
  @Min(2, { message: 'roomSize must be at least 2' })
  @Max(50, { message: 'roomSize must be at most 50' })
  roomSize?: number;
}

export class MoveDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a user id (a UUID)' })
  userId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'roomId must be a room id (a UUID)' })
  roomId: string;
}

export class SwapDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, maxItems: 2 })
  @IsArray({ message: 'userIds must be a list of two user ids' })
  @ArrayMinSize(2, { message: 'userIds must hold exactly two user ids' })
  @ArrayMaxSize(2, { message: 'userIds must hold exactly two user ids' })
  @ArrayUnique({ message: 'userIds must be two different people' })
  @IsUUID('all', { each: true, message: 'each of userIds must be a user id (a UUID)' })
  userIds: string[];
}

export class ChoiceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'roomId must be a room id (a UUID)' })
  roomId: string;
}

export class ParticipantProfileDto {
  @ApiProperty({ example: 'bioinformatics', description: "One of the lab's disciplines." })
  @IsString({ message: 'discipline must be text' })
  @MinLength(1, { message: 'discipline must not be empty' })
  @MaxLength(80)
  discipline: string;

  @ApiPropertyOptional({
    nullable: true,
    example: 'early career',
    description: "One of the lab's career stages.",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: 'careerStage must be text' })
  @MaxLength(80)
  careerStage?: string | null;
}

export class SeatDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class RoomViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) meetingUrl: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) mentorId: string | null;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty() occupancy: number;
  @ApiPropertyOptional({
    type: [SeatDto],
    description: 'Who sits here: for organisers, the room mentor and its own members.',
  })
  participants?: SeatDto[];
}

export class RoundViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() index: number;
  @ApiProperty() title: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: ['planned', 'open', 'closed'] }) state: string;
  @ApiProperty({ enum: ['assigned', 'self-select'] }) mode: string;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: "The caller's room in this round.",
  })
  myRoomId: string | null;
  @ApiProperty({ type: [RoomViewDto] }) rooms: RoomViewDto[];
}

export class RoundsViewDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ type: [RoundViewDto] }) rounds: RoundViewDto[];
}

export class PlanViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() seed: string;
  @ApiProperty({
    description: 'What the planner was given (participants, mentors, rounds held, settings).',
  })
  inputs: object;
  @ApiProperty() pairsMet: number;
  @ApiProperty() repeats: number;
  @ApiProperty({
    description:
      'Every metric of the plan (room sizes, disciplines per room, mentor encounters…), and constraintCost: the repeats of the best plan found for the same people, rooms and rounds without the lab’s rules (unconstrainedRepeats, proven when it is the optimum) and how many more this plan has because of them (extraRepeats).',
  })
  metrics: object;
  @ApiProperty({ description: 'round → room → participant ids and mentor.' }) rounds: object;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) adoptedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MetMatrixDto {
  @ApiProperty({ type: [SeatDto] }) participants: SeatDto[];
  @ApiProperty({ description: 'counts[i][j]: rounds in which participants i and j shared a room.' })
  counts: number[][];
  @ApiProperty() pairsMet: number;
  @ApiProperty() repeats: number;
}

export class ParticipantProfileViewDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) discipline: string | null;
  @ApiProperty({ nullable: true, type: String }) careerStage: string | null;
  @ApiProperty({
    type: [String],
    description: 'Every discipline declared (the organiser’s pick alone when set by hand)',
  })
  disciplines: string[];
  @ApiProperty({ nullable: true, type: String, description: 'From the application’s affiliation' })
  institution: string | null;
  @ApiProperty({
    nullable: true,
    enum: ['organiser', 'application'],
    description:
      'organiser: set by hand (wins); application: read from the confirmed participant’s application',
  })
  source: 'organiser' | 'application' | null;
}
