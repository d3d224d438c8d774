import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, LabRoles } from '@ideas-lab/platform';
import type { Actor } from '@ideas-lab/domain';
import { IdeaBoardService } from './idea-board.service.js';
import {
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
import { IdeaId, LabId, ThemeId } from './ideas-params.js';
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
