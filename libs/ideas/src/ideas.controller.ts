import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { IdeaBoardService } from './idea-board.service.js';
import { IdeaCurationService } from './idea-curation.service.js';
import { IdeaDiscussionService } from './idea-discussion.service.js';
import { IdeaHistoryService } from './idea-history.service.js';
import { IdeaMergesService } from './idea-merges.service.js';
import {
  CompareRevisionsQueryDto,
  MarkCommentAddressedDto,
  OpenVotingSessionDto,
  PlaceDotDto,
  PostIdeaCommentDto,
  ProposeIdeaMergeDto,
  SetIdeaThemeDto,
  CreateIdeaDto,
  CreateIdeaThemeDto,
  EditIdeaDto,
  IdeasQueryDto,
  IdeaPeopleQueryDto,
  PutIdeaBoardDto,
  PutShortlistDto,
  ideaBoardOps,
  ideaDetailsOps,
  ideaMergesOps,
  ideasOps,
  shortlistOps,
  votingOps,
} from './ideas.contract.js';
import { CommentId, IdeaId, LabId, MergeId, SessionId, ThemeId } from './ideas-params.js';
import { VotingService } from './voting.service.js';
import { IdeasService } from './ideas.service.js';
import { IdeasShortlist } from './ideas-shortlist.service.js';

@Controller('labs/:labId/idea-board')
export class IdeaBoardController {
  constructor(private readonly board: IdeaBoardService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(ideaBoardOps.get)
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.board.get(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('people')
  @Endpoint(ideaBoardOps.people)
  people(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: IdeaPeopleQueryDto,
  ) {
    return this.board.people(actor, labId, query.q);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint(ideaBoardOps.put)
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutIdeaBoardDto,
  ) {
    return this.board.put(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('themes')
  @Endpoint(ideaBoardOps.createTheme)
  createTheme(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateIdeaThemeDto,
  ) {
    return this.board.createTheme(actor, labId, body);
  }

  @LabRoles('organiser')
  @Delete('themes/:themeId')
  @Endpoint(ideaBoardOps.deleteTheme)
  deleteTheme(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('themeId', ThemeId) themeId: string,
  ) {
    return this.board.deleteTheme(actor, labId, themeId);
  }
}

@Controller('labs/:labId/ideas')
export class IdeasController {
  constructor(private readonly ideas: IdeasService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(ideasOps.list)
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: IdeasQueryDto,
  ) {
    return this.ideas.list(actor, labId, query);
  }

  @LabRoles('mentor', 'participant')
  @Post()
  @Endpoint(ideasOps.create)
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateIdeaDto,
  ) {
    return this.ideas.create(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get(':ideaId')
  @Endpoint(ideasOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.ideas.get(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Patch(':ideaId')
  @Endpoint(ideasOps.edit)
  edit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Body() body: EditIdeaDto,
  ) {
    return this.ideas.edit(actor, labId, ideaId, body);
  }
}

@Controller('labs/:labId/ideas/:ideaId')
export class IdeaDetailsController {
  constructor(
    private readonly history: IdeaHistoryService,
    private readonly discussion: IdeaDiscussionService,
    private readonly curation: IdeaCurationService,
  ) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('revisions')
  @Endpoint(ideaDetailsOps.revisions)
  revisions(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.history.list(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('revisions/compare')
  @Endpoint(ideaDetailsOps.compare)
  compare(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Query() query: CompareRevisionsQueryDto,
  ) {
    return this.history.compare(actor, labId, ideaId, query);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('comments')
  @Endpoint(ideaDetailsOps.comments)
  comments(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.comments(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post('comments')
  @Endpoint(ideaDetailsOps.comment)
  comment(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Body() body: PostIdeaCommentDto,
  ) {
    return this.discussion.comment(actor, labId, ideaId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Put('comments/:commentId/addressed')
  @Endpoint(ideaDetailsOps.addressed)
  addressed(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: MarkCommentAddressedDto,
  ) {
    return this.discussion.markAddressed(actor, labId, ideaId, commentId, body.addressed);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('supporters')
  @Endpoint(ideaDetailsOps.supporters)
  supporters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.supporters(actor, labId, ideaId);
  }

  @LabRoles('participant')
  @Put('support')
  @Endpoint(ideaDetailsOps.support)
  support(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.setSupport(actor, labId, ideaId, true);
  }

  @LabRoles('participant')
  @Delete('support')
  @Endpoint(ideaDetailsOps.unsupport)
  unsupport(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.setSupport(actor, labId, ideaId, false);
  }

  @LabRoles('organiser')
  @Put('theme')
  @Endpoint(ideaDetailsOps.theme)
  theme(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Body() body: SetIdeaThemeDto,
  ) {
    return this.curation.setTheme(actor, labId, ideaId, body.themeId);
  }

  @LabRoles('organiser')
  @Post('archive')
  @Endpoint(ideaDetailsOps.archive)
  archive(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.curation.setArchived(actor, labId, ideaId, true);
  }

  @LabRoles('organiser')
  @Post('restore')
  @Endpoint(ideaDetailsOps.restore)
  restore(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.curation.setArchived(actor, labId, ideaId, false);
  }
}

@Controller('labs/:labId/idea-merges')
export class IdeaMergesController {
  constructor(private readonly merges: IdeaMergesService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(ideaMergesOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.merges.list(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post()
  @Endpoint(ideaMergesOps.propose)
  propose(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: ProposeIdeaMergeDto,
  ) {
    return this.merges.propose(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post(':mergeId/accept')
  @Endpoint(ideaMergesOps.accept)
  accept(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('mergeId', MergeId) mergeId: string,
  ) {
    return this.merges.answer(actor, labId, mergeId, 'accept');
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post(':mergeId/decline')
  @Endpoint(ideaMergesOps.decline)
  decline(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('mergeId', MergeId) mergeId: string,
  ) {
    return this.merges.answer(actor, labId, mergeId, 'decline');
  }
}

@Controller('labs/:labId/voting-sessions')
export class VotingController {
  constructor(private readonly voting: VotingService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(votingOps.list)
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.voting.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint(votingOps.open)
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: OpenVotingSessionDto,
  ) {
    return this.voting.open(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get(':sessionId')
  @Endpoint(votingOps.get)
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.voting.get(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post(':sessionId/close')
  @Endpoint(votingOps.close)
  close(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.voting.close(actor, labId, sessionId);
  }

  @LabRoles('mentor', 'participant')
  @Post(':sessionId/dots')
  @Endpoint(votingOps.dot)
  dot(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: PlaceDotDto,
  ) {
    return this.voting.placeDot(actor, labId, sessionId, body);
  }
}

@Controller('labs/:labId/shortlist')
export class ShortlistController {
  constructor(private readonly shortlist: IdeasShortlist) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint(shortlistOps.get)
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.shortlist.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint(shortlistOps.put)
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutShortlistDto,
  ) {
    return this.shortlist.put(actor, labId, body);
  }
}
