import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { IdeaBoardService } from './idea-board.service.js';
import { IdeaCurationService } from './idea-curation.service.js';
import { IdeaDiscussionService } from './idea-discussion.service.js';
import { IdeaHistoryService } from './idea-history.service.js';
import { IdeaMergesService } from './idea-merges.service.js';
import {
  CompareRevisionsQueryDto,
  IdeaCommentView,
  IdeaMergeView,
  IdeaRevisionView,
  IdeaSupporters,
  MarkAddressedDto,
  MyBallot,
  OpenVotingSessionDto,
  PlaceDotDto,
  PostCommentDto,
  ProposeMergeDto,
  RevisionComparison,
  SetIdeaThemeDto,
  VotingSessionView,
  CreateIdeaDto,
  CreateThemeDto,
  EditIdeaDto,
  IdeaBoardView,
  IdeasQueryDto,
  IdeaTheme,
  IdeaView,
  PutIdeaBoardDto,
  PutShortlistDto,
  ShortlistView,
} from './ideas.contract.js';
import { CommentId, IdeaId, LabId, MergeId, SessionId, ThemeId } from './ideas-params.js';
import { VotingService } from './voting.service.js';
import { IdeasService } from './ideas.service.js';
import { IdeasShortlist } from './ideas-shortlist.service.js';

@ApiTags('ideas')
@Controller('labs/:labId/idea-board')
export class IdeaBoardController {
  constructor(private readonly board: IdeaBoardService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: "The ideas board's settings: challenge areas, summary word limit, themes",
    response: IdeaBoardView,
  })
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.board.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint({
    summary: 'Set the challenge areas ideas address and the summary word limit (organisers)',
    response: IdeaBoardView,
    errors: ['IDEA_BOARD_VERSION_CONFLICT'],
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutIdeaBoardDto,
  ) {
    return this.board.put(actor, labId, body);
  }

  @LabRoles('organiser')
  @Post('themes')
  @Endpoint({
    summary: 'Add a theme to group ideas under (organisers)',
    response: IdeaTheme,
    errors: ['IDEA_THEME_NAME_TAKEN'],
  })
  createTheme(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateThemeDto,
  ) {
    return this.board.createTheme(actor, labId, body);
  }

  @LabRoles('organiser')
  @Delete('themes/:themeId')
  @Endpoint({
    summary: 'Remove a theme; its ideas stay, under no theme (organisers)',
    response: null,
    errors: ['IDEA_THEME_NOT_FOUND'],
  })
  deleteTheme(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('themeId', ThemeId) themeId: string,
  ) {
    return this.board.deleteTheme(actor, labId, themeId);
  }
}

@ApiTags('ideas')
@Controller('labs/:labId/ideas')
export class IdeasController {
  constructor(private readonly ideas: IdeasService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'Ideas of the board, newest first, filtered by theme, tag, discipline needed or mine',
    response: [IdeaView],
  })
  list(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Query() query: IdeasQueryDto,
  ) {
    return this.ideas.list(actor, labId, query);
  }

  @LabRoles('mentor', 'participant')
  @Post()
  @Endpoint({
    summary: 'Post an idea (participants and mentors); you and any co-champions named champion it',
    response: IdeaView,
    errors: ['IDEA_INVALID', 'IDEA_SUMMARY_TOO_LONG', 'IDEA_CHAMPION_INVALID'],
  })
  create(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: CreateIdeaDto,
  ) {
    return this.ideas.create(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get(':ideaId')
  @Endpoint({
    summary: 'One idea; a merged idea stays readable and names the idea it became part of',
    response: IdeaView,
    errors: ['IDEA_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.ideas.get(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Patch(':ideaId')
  @Endpoint({
    summary:
      'Revise an idea (its champions): a new revision is kept; a stale `version` is refused with the idea as it is now',
    response: IdeaView,
    errors: [
      'IDEA_NOT_FOUND',
      'IDEA_NOT_CHAMPION',
      'IDEA_NOT_ACTIVE',
      'IDEA_VERSION_CONFLICT',
      'IDEA_INVALID',
      'IDEA_SUMMARY_TOO_LONG',
    ],
  })
  edit(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Body() body: EditIdeaDto,
  ) {
    return this.ideas.edit(actor, labId, ideaId, body);
  }
}

const IDEA_404 = ['IDEA_NOT_FOUND'];

@ApiTags('ideas')
@Controller('labs/:labId/ideas/:ideaId')
export class IdeaDetailsController {
  constructor(
    private readonly history: IdeaHistoryService,
    private readonly discussion: IdeaDiscussionService,
    private readonly curation: IdeaCurationService,
  ) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('revisions')
  @Endpoint({
    summary: 'Every revision of an idea, oldest first (with those of ideas merged into it)',
    response: [IdeaRevisionView],
    errors: IDEA_404,
  })
  revisions(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.history.list(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('revisions/compare')
  @Endpoint({
    summary: 'Two revisions side by side, with the words that changed marked',
    response: RevisionComparison,
    errors: ['IDEA_NOT_FOUND', 'IDEA_REVISION_NOT_FOUND'],
  })
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
  @Endpoint({
    summary: "An idea's discussion, oldest first; replies name their parent",
    response: [IdeaCommentView],
    errors: IDEA_404,
  })
  comments(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.comments(actor, labId, ideaId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post('comments')
  @Endpoint({
    summary: "Comment on an idea or reply to a comment (mentors' comments are marked)",
    response: IdeaCommentView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE', 'IDEA_COMMENT_NOT_FOUND'],
  })
  comment(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Body() body: PostCommentDto,
  ) {
    return this.discussion.comment(actor, labId, ideaId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Put('comments/:commentId/addressed')
  @Endpoint({
    summary: 'Mark a comment addressed, or not (the idea’s champions)',
    response: IdeaCommentView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_COMMENT_NOT_FOUND', 'IDEA_NOT_CHAMPION'],
  })
  addressed(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
    @Param('commentId', CommentId) commentId: string,
    @Body() body: MarkAddressedDto,
  ) {
    return this.discussion.markAddressed(actor, labId, ideaId, commentId, body.addressed);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get('supporters')
  @Endpoint({
    summary: 'The people who would work on an idea ("I\'d work on this")',
    response: IdeaSupporters,
    errors: IDEA_404,
  })
  supporters(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.supporters(actor, labId, ideaId);
  }

  @LabRoles('participant')
  @Put('support')
  @Endpoint({
    summary: "Say you'd work on this idea (participants)",
    response: IdeaSupporters,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  })
  support(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.setSupport(actor, labId, ideaId, true);
  }

  @LabRoles('participant')
  @Delete('support')
  @Endpoint({
    summary: 'Take back your support of an idea (participants)',
    response: IdeaSupporters,
    status: 200,
    errors: IDEA_404,
  })
  unsupport(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.discussion.setSupport(actor, labId, ideaId, false);
  }

  @LabRoles('organiser')
  @Put('theme')
  @Endpoint({
    summary: 'Put an idea under a theme, or under none (organisers)',
    response: IdeaView,
    errors: ['IDEA_NOT_FOUND', 'IDEA_THEME_NOT_FOUND'],
  })
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
  @Endpoint({
    summary: 'Archive an idea: off the board and the shortlist, still readable (organisers)',
    response: IdeaView,
    status: 200,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  })
  archive(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.curation.setArchived(actor, labId, ideaId, true);
  }

  @LabRoles('organiser')
  @Post('restore')
  @Endpoint({
    summary: 'Restore an archived idea to the board (organisers)',
    response: IdeaView,
    status: 200,
    errors: ['IDEA_NOT_FOUND', 'IDEA_NOT_ACTIVE'],
  })
  restore(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('ideaId', IdeaId) ideaId: string,
  ) {
    return this.curation.setArchived(actor, labId, ideaId, false);
  }
}

@ApiTags('ideas')
@Controller('labs/:labId/idea-merges')
export class IdeaMergesController {
  constructor(private readonly merges: IdeaMergesService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'Merges of the board: open proposals first, with who has yet to answer',
    response: [IdeaMergeView],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.merges.list(actor, labId);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post()
  @Endpoint({
    summary:
      'Merge ideas into one: organisers merge at once; a champion proposes, and it happens when every champion involved accepts',
    description:
      'Revisions, comments, supporters and champions of the merged ideas are carried over; the merged ideas stay readable and point to the result.',
    response: IdeaMergeView,
    errors: ['IDEA_MERGE_INVALID', 'IDEA_MERGE_NOT_ALLOWED'],
  })
  propose(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: ProposeMergeDto,
  ) {
    return this.merges.propose(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post(':mergeId/accept')
  @Endpoint({
    summary: 'Accept a merge proposal (a champion involved); the last acceptance merges',
    response: IdeaMergeView,
    status: 200,
    errors: ['IDEA_MERGE_NOT_FOUND', 'IDEA_MERGE_NOT_ALLOWED', 'IDEA_MERGE_CLOSED'],
  })
  accept(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('mergeId', MergeId) mergeId: string,
  ) {
    return this.merges.answer(actor, labId, mergeId, 'accept');
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Post(':mergeId/decline')
  @Endpoint({
    summary: 'Decline a merge proposal (a champion involved): it ends',
    response: IdeaMergeView,
    status: 200,
    errors: ['IDEA_MERGE_NOT_FOUND', 'IDEA_MERGE_NOT_ALLOWED', 'IDEA_MERGE_CLOSED'],
  })
  decline(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('mergeId', MergeId) mergeId: string,
  ) {
    return this.merges.answer(actor, labId, mergeId, 'decline');
  }
}

@ApiTags('ideas')
@Controller('labs/:labId/voting-sessions')
export class VotingController {
  constructor(private readonly voting: VotingService) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'Voting sessions of the lab, newest first, with results unless blind and open',
    response: [VotingSessionView],
  })
  list(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.voting.list(actor, labId);
  }

  @LabRoles('organiser')
  @Post()
  @Endpoint({
    summary:
      'Open a voting session (organisers): dots per person, cap per idea, blind or not, duration, ballots',
    response: VotingSessionView,
    errors: ['VOTING_SESSION_INVALID', 'VOTING_SESSION_ALREADY_OPEN'],
  })
  open(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: OpenVotingSessionDto,
  ) {
    return this.voting.open(actor, labId, body);
  }

  @LabRoles('organiser', 'mentor', 'participant')
  @Get(':sessionId')
  @Endpoint({
    summary: 'One voting session: countdown, my dots, and results unless blind and open',
    response: VotingSessionView,
    errors: ['VOTING_SESSION_NOT_FOUND'],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.voting.get(actor, labId, sessionId);
  }

  @LabRoles('organiser')
  @Post(':sessionId/close')
  @Endpoint({
    summary: 'Close a voting session now (organisers)',
    response: VotingSessionView,
    status: 200,
    errors: ['VOTING_SESSION_NOT_FOUND', 'VOTING_SESSION_CLOSED'],
  })
  close(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
  ) {
    return this.voting.close(actor, labId, sessionId);
  }

  @LabRoles('mentor', 'participant')
  @Post(':sessionId/dots')
  @Endpoint({
    summary: 'Place a dot on an idea (delta 1) or take one back (delta -1)',
    response: MyBallot,
    status: 200,
    errors: [
      'VOTING_SESSION_NOT_FOUND',
      'VOTING_SESSION_CLOSED',
      'VOTE_NOT_ELIGIBLE',
      'IDEA_NOT_FOUND',
      'IDEA_NOT_ACTIVE',
      'VOTE_BUDGET_EXCEEDED',
      'VOTE_IDEA_CAP_REACHED',
      'VOTE_NO_DOT_TO_TAKE_BACK',
    ],
  })
  dot(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Param('sessionId', SessionId) sessionId: string,
    @Body() body: PlaceDotDto,
  ) {
    return this.voting.placeDot(actor, labId, sessionId, body);
  }
}

@ApiTags('ideas')
@Controller('labs/:labId/shortlist')
export class ShortlistController {
  constructor(private readonly shortlist: IdeasShortlist) {}

  @LabRoles('organiser', 'mentor', 'participant')
  @Get()
  @Endpoint({
    summary: 'The shortlisted ideas, in order (what teams form around)',
    response: ShortlistView,
  })
  get(@CurrentActor() actor: Actor, @Param('labId', LabId) labId: string) {
    return this.shortlist.get(actor, labId);
  }

  @LabRoles('organiser')
  @Put()
  @Endpoint({
    summary: 'Set the shortlist: active ideas in order (organisers)',
    response: ShortlistView,
    errors: ['SHORTLIST_INVALID', 'SHORTLIST_VERSION_CONFLICT'],
  })
  put(
    @CurrentActor() actor: Actor,
    @Param('labId', LabId) labId: string,
    @Body() body: PutShortlistDto,
  ) {
    return this.shortlist.put(actor, labId, body);
  }
}
