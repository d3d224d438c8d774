import { Module } from '@nestjs/common';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { IdeaBoardService } from './idea-board.service.js';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import { IdeaRevisionsRepository } from './idea-revisions.repository.js';
import {
  IdeaBoardController,
  IdeaDetailsController,
  IdeaMergesController,
  IdeasController,
  ShortlistController,
  VotingController,
} from './ideas.controller.js';
import { IdeaCurationService } from './idea-curation.service.js';
import { IdeaDiscussionRepository } from './idea-discussion.repository.js';
import { IdeaDiscussionService } from './idea-discussion.service.js';
import { IdeaHistoryService } from './idea-history.service.js';
import { IdeaMergesRepository } from './idea-merges.repository.js';
import { IdeaMergesService } from './idea-merges.service.js';
import { VotingRepository } from './voting.repository.js';
import { VotingService } from './voting.service.js';
import { IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';
import { IdeasService } from './ideas.service.js';
import { IdeasShortlist } from './ideas-shortlist.service.js';

@Module({
  imports: [LabsModule, LiveModule],
  controllers: [
    IdeaBoardController,
    IdeasController,
    IdeaDetailsController,
    IdeaMergesController,
    VotingController,
    ShortlistController,
  ],
  providers: [
    IdeasRepository,
    IdeaRevisionsRepository,
    IdeaBoardsRepository,
    IdeasLive,
    IdeaBoardService,
    IdeasService,
    IdeasShortlist,
    IdeaDiscussionRepository,
    IdeaMergesRepository,
    VotingRepository,
    IdeaHistoryService,
    IdeaDiscussionService,
    IdeaCurationService,
    IdeaMergesService,
    VotingService,
  ],
  exports: [IdeasShortlist],
})
export class IdeasModule {}
