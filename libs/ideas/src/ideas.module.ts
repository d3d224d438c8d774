import { Module } from '@nestjs/common';
import { LabsModule } from '@ideas-lab/labs';
import { LiveModule } from '@ideas-lab/live';
import { IdeaBoardService } from './idea-board.service.js';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import { IdeaRevisionsRepository } from './idea-revisions.repository.js';
import { IdeaBoardController, IdeasController, ShortlistController } from './ideas.controller.js';
import { IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';
import { IdeasService } from './ideas.service.js';
import { IdeasShortlist } from './ideas-shortlist.service.js';

@Module({
  imports: [LabsModule, LiveModule],
  controllers: [IdeaBoardController, IdeasController, ShortlistController],
  providers: [
    IdeasRepository,
    IdeaRevisionsRepository,
    IdeaBoardsRepository,
    IdeasLive,
    IdeaBoardService,
    IdeasService,
    IdeasShortlist,
  ],
  exports: [IdeasShortlist],
})
export class IdeasModule {}
