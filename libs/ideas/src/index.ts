export * from './ideas.module.js';
export * from './ideas-shortlist.service.js';
export * from './ideas.service.js';
export * from './idea-board.service.js';
export * from './idea-discussion.service.js';
export * from './idea-curation.service.js';
export * from './idea-merges.service.js';
export * from './idea-history.service.js';
export * from './voting.service.js';
export * from './ideas.errors.js';
export * from './ideas.contract.js';
export * from './entities/idea.entity.js';
export * from './entities/idea-board.entity.js';
export * from './entities/idea-theme.entity.js';
export * from './entities/idea-champion.entity.js';
export * from './entities/idea-revision.entity.js';
export * from './entities/idea-shortlist-entry.entity.js';
export * from './entities/idea-comment.entity.js';
export * from './entities/idea-supporter.entity.js';
export * from './entities/idea-merge.entity.js';
export * from './entities/voting-session.entity.js';

import { IdeaBoardEntity } from './entities/idea-board.entity.js';
import { IdeaChampionEntity } from './entities/idea-champion.entity.js';
import { IdeaCommentEntity } from './entities/idea-comment.entity.js';
import { IdeaEntity } from './entities/idea.entity.js';
import { IdeaRevisionEntity } from './entities/idea-revision.entity.js';
import { IdeaShortlistEntryEntity } from './entities/idea-shortlist-entry.entity.js';
import { IdeaSupporterEntity } from './entities/idea-supporter.entity.js';
import { IdeaThemeEntity } from './entities/idea-theme.entity.js';
import { IdeaMergeAnswerEntity, IdeaMergeEntity } from './entities/idea-merge.entity.js';
import {
  VotingBallotEntity,
  VotingDotsEntity,
  VotingSessionEntity,
} from './entities/voting-session.entity.js';

export const ideasEntities = [
  IdeaBoardEntity,
  IdeaThemeEntity,
  IdeaEntity,
  IdeaChampionEntity,
  IdeaRevisionEntity,
  IdeaShortlistEntryEntity,
  IdeaCommentEntity,
  IdeaSupporterEntity,
  IdeaMergeEntity,
  IdeaMergeAnswerEntity,
  VotingSessionEntity,
  VotingBallotEntity,
  VotingDotsEntity,
];
