export * from './workshop.module.js';
export * from './agenda.service.js';
export * from './breakout.service.js';
export * from './breakout-notices.js';
export * from './breakout-rounds.service.js';
export * from './workshop-settings.service.js';
export type { BreakoutRoundRow } from './breakout-rounds.repository.js';
export * from './teams.service.js';
export * from './team-roster.service.js';
export * from './workshop.errors.js';
export * from './workshop.contract.js';
export * from './agenda-view.js';
export * from './breakout-view.js';
export * from './entities/agenda-session.entity.js';
export * from './entities/participant-profile.entity.js';
export * from './entities/breakout-plan.entity.js';
export * from './entities/breakout-round.entity.js';
export * from './entities/breakout-room.entity.js';
export * from './entities/breakout-assignment.entity.js';
export * from './entities/team.entity.js';
export * from './entities/team-member.entity.js';
export * from './entities/workshop-settings.entity.js';

import { AgendaSessionEntity } from './entities/agenda-session.entity.js';
import { BreakoutAssignmentEntity } from './entities/breakout-assignment.entity.js';
import { BreakoutPlanEntity } from './entities/breakout-plan.entity.js';
import { BreakoutRoomEntity } from './entities/breakout-room.entity.js';
import { BreakoutRoundEntity } from './entities/breakout-round.entity.js';
import { ParticipantProfileEntity } from './entities/participant-profile.entity.js';
import { TeamEntity } from './entities/team.entity.js';
import { TeamMemberEntity } from './entities/team-member.entity.js';
import { WorkshopSettingsEntity } from './entities/workshop-settings.entity.js';

export const workshopEntities = [
  AgendaSessionEntity,
  ParticipantProfileEntity,
  BreakoutPlanEntity,
  BreakoutRoundEntity,
  BreakoutRoomEntity,
  BreakoutAssignmentEntity,
  TeamEntity,
  TeamMemberEntity,
  WorkshopSettingsEntity,
];
