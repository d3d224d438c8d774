import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { TransactionRunner } from '@ideas-lab/platform';
import type { IdeaEntity } from './entities/idea.entity.js';
import { IdeaDiscussionRepository } from './idea-discussion.repository.js';
import type { IdeaCommentView, IdeaSupporters, PostIdeaComment } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS, IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';

/** The discussion of an idea (comments, replies, addressed marks) and its supporters. */
@Injectable()
export class IdeaDiscussionService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly discussion: IdeaDiscussionRepository,
    private readonly access: LabAccessService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  async comments(actor: Actor, labId: string, ideaId: string): Promise<IdeaCommentView[]> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    await this.requireIdea(labId, ideaId);
    return this.discussion.commentsOf(ideaId);
  }

  /** A comment, or a reply to one; a mentor's is marked as such. */
  async comment(
    actor: Actor,
    labId: string,
    ideaId: string,
    dto: PostIdeaComment,
  ): Promise<IdeaCommentView> {
    const roles = await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(async () => {
      const idea = await this.requireIdea(labId, ideaId);
      if (idea.status !== 'active') throw IdeasError.notActive(idea.status);
      if (dto.parentId && !(await this.discussion.commentOf(ideaId, dto.parentId))) {
        throw new IdeasError(
          'IDEA_COMMENT_NOT_FOUND',
          'The comment you reply to is not part of this idea’s discussion.',
        );
      }
      const id = await this.discussion.insertComment({
        ideaId,
        parentId: dto.parentId ?? null,
        authorId: actor.userId,
        byMentor: roles.includes('mentor'),
        body: dto.body,
      });
      this.live.ideaChanged(labId, ideaId, 'commented', idea.version);
      return (await this.discussion.commentOf(ideaId, id)) as IdeaCommentView;
    });
  }

  /** Champions mark a comment addressed (or not any more). */
  async markAddressed(
    actor: Actor,
    labId: string,
    ideaId: string,
    commentId: string,
    addressed: boolean,
  ): Promise<IdeaCommentView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(async () => {
      const idea = await this.requireIdea(labId, ideaId);
      if (!(await this.discussion.commentOf(ideaId, commentId))) {
        throw new IdeasError('IDEA_COMMENT_NOT_FOUND', 'This idea has no such comment.');
      }
      if (!actor.isAdmin && !(await this.ideas.isChampion(ideaId, actor.userId))) {
        throw new IdeasError(
          'IDEA_NOT_CHAMPION',
          'Only the champions of an idea mark its comments addressed.',
        );
      }
      await this.discussion.setAddressed(commentId, addressed ? actor.userId : null);
      this.live.ideaChanged(labId, ideaId, 'comment-addressed', idea.version);
      return (await this.discussion.commentOf(ideaId, commentId)) as IdeaCommentView;
    });
  }

  async supporters(actor: Actor, labId: string, ideaId: string): Promise<IdeaSupporters> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    await this.requireIdea(labId, ideaId);
    return this.supportersView(ideaId, actor.userId);
  }

  /** "I'd work on this" (participants), or taking it back. */
  async setSupport(
    actor: Actor,
    labId: string,
    ideaId: string,
    support: boolean,
  ): Promise<IdeaSupporters> {
    await this.access.requireRole(actor, labId, ['participant']);
    return this.tx.run(async () => {
      const idea = await this.requireIdea(labId, ideaId);
      if (support && idea.status !== 'active') throw IdeasError.notActive(idea.status);
      const changed = support
        ? await this.discussion.addSupporter(ideaId, actor.userId)
        : await this.discussion.removeSupporter(ideaId, actor.userId);
      if (changed)
        this.live.ideaChanged(labId, ideaId, support ? 'supported' : 'unsupported', idea.version);
      return this.supportersView(ideaId, actor.userId);
    });
  }

  private async supportersView(ideaId: string, viewerId: string): Promise<IdeaSupporters> {
    const supporters = await this.discussion.supportersOf(ideaId);
    return { ideaId, supporters, iSupport: supporters.some((s) => s.userId === viewerId) };
  }

  private async requireIdea(labId: string, ideaId: string): Promise<IdeaEntity> {
    const idea = await this.ideas.findOfLab(labId, ideaId);
    if (!idea) throw IdeasError.ideaNotFound();
    return idea;
  }
}
