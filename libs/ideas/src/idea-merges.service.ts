import { Injectable } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { LabAccessService } from '@ideas-lab/labs';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import type { IdeaEntity } from './entities/idea.entity.js';
import type { IdeaMergeEntity } from './entities/idea-merge.entity.js';
import { IdeaBoardsRepository } from './idea-boards.repository.js';
import { IdeaDiscussionRepository } from './idea-discussion.repository.js';
import { IdeaMergesRepository } from './idea-merges.repository.js';
import { IdeaRevisionsRepository } from './idea-revisions.repository.js';
import type { IdeaMergeView, ProposeIdeaMerge } from './ideas.contract.js';
import { IdeasError } from './ideas.errors.js';
import { BOARD_READERS, IdeasLive } from './ideas-live.js';
import { IdeasRepository } from './ideas.repository.js';

/**
 * Merging ideas into one. Organisers merge at once. Champions propose a merge of ideas they
 * champion with others; it happens when every champion of every idea involved has accepted
 * (a champion who declines ends it). The merge carries the revisions, comments, supporters
 * and champions of the merged ideas over to the one that carries on; the merged ideas stay
 * readable and point to it.
 */
@Injectable()
export class IdeaMergesService {
  constructor(
    private readonly ideas: IdeasRepository,
    private readonly merges: IdeaMergesRepository,
    private readonly revisions: IdeaRevisionsRepository,
    private readonly discussion: IdeaDiscussionRepository,
    private readonly boards: IdeaBoardsRepository,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly live: IdeasLive,
  ) {}

  async list(actor: Actor, labId: string): Promise<IdeaMergeView[]> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(async () => {
      const merges = await this.merges.listOfLab(labId);
      return Promise.all(merges.map((m) => this.view(m)));
    });
  }

  async propose(actor: Actor, labId: string, dto: ProposeIdeaMerge): Promise<IdeaMergeView> {
    const roles = await this.access.requireRole(actor, labId, BOARD_READERS);
    const ids = [dto.targetIdeaId, ...dto.sourceIdeaIds];
    if (new Set(ids).size !== ids.length) {
      throw new IdeasError(
        'IDEA_MERGE_INVALID',
        'Name each idea once, and not the idea that carries on among those merged into it.',
      );
    }
    const organiser = actor.isAdmin || roles.includes('organiser');
    return this.tx.run(async () => {
      await this.boards.lock(labId);
      const ideas = await this.requireActiveIdeas(labId, ids);
      const champions = await this.ideas.championsOf(ids);
      if (!organiser && !champions.some((c) => c.userId === actor.userId)) {
        throw new IdeasError(
          'IDEA_MERGE_NOT_ALLOWED',
          'Only organisers, or a champion of one of the ideas, can propose this merge.',
        );
      }
      const mergeId = await this.merges.insert({
        labId,
        targetIdeaId: dto.targetIdeaId,
        sourceIdeaIds: dto.sourceIdeaIds,
        proposedBy: actor.userId,
        state: 'open',
      });
      const merge = (await this.merges.findOfLab(labId, mergeId)) as IdeaMergeEntity;
      if (organiser) {
        await this.carryOut(actor, merge, ideas);
      } else {
        await this.merges.answer(mergeId, actor.userId, 'accept');
        if (await this.everyoneAccepted(merge)) await this.carryOut(actor, merge, ideas);
        else
          for (const id of ids)
            this.live.ideaChanged(labId, id, 'merge-proposed', versionOf(ideas, id));
      }
      return this.view((await this.merges.findOfLab(labId, mergeId)) as IdeaMergeEntity);
    });
  }

  /** A champion's answer; the last acceptance carries the merge out. */
  async answer(
    actor: Actor,
    labId: string,
    mergeId: string,
    answer: 'accept' | 'decline',
  ): Promise<IdeaMergeView> {
    await this.access.requireRole(actor, labId, BOARD_READERS);
    return this.tx.run(async () => {
      await this.boards.lock(labId);
      const merge = await this.merges.findOfLabForUpdate(labId, mergeId);
      if (!merge) throw new IdeasError('IDEA_MERGE_NOT_FOUND', 'There is no such merge proposal.');
      const ids = [merge.targetIdeaId, ...merge.sourceIdeaIds];
      const champions = await this.ideas.championsOf(ids);
      if (!champions.some((c) => c.userId === actor.userId)) {
        throw new IdeasError(
          'IDEA_MERGE_NOT_ALLOWED',
          'Only champions of the ideas involved answer a merge proposal.',
        );
      }
      if (merge.state !== 'open') {
        throw new IdeasError(
          'IDEA_MERGE_CLOSED',
          `This merge proposal is ${merge.state} already.`,
          {
            state: merge.state,
          },
        );
      }
      await this.merges.answer(mergeId, actor.userId, answer);
      if (answer === 'decline') {
        await this.merges.decide(mergeId, 'declined');
      } else if (await this.everyoneAccepted(merge)) {
        const ideas = await this.ideas.findManyOfLabForUpdate(labId, ids);
        const inactive = ideas.filter((i) => i.status !== 'active');
        if (inactive.length > 0) {
          await this.merges.decide(mergeId, 'withdrawn');
          throw new IdeasError(
            'IDEA_MERGE_CLOSED',
            `"${inactive[0].title}" is ${inactive[0].status} now: this merge can no longer happen.`,
            { state: 'withdrawn' },
          );
        }
        await this.carryOut(actor, merge, ideas);
        return this.view((await this.merges.findOfLab(labId, mergeId)) as IdeaMergeEntity);
      }
      const current = await this.ideas.findManyOfLab(labId, ids);
      for (const id of ids)
        this.live.ideaChanged(labId, id, 'merge-answered', versionOf(current, id));
      return this.view((await this.merges.findOfLab(labId, mergeId)) as IdeaMergeEntity);
    });
  }

  private async everyoneAccepted(merge: IdeaMergeEntity): Promise<boolean> {
    const champions = await this.ideas.championsOf([merge.targetIdeaId, ...merge.sourceIdeaIds]);
    const accepted = new Set(
      (await this.merges.answersOf(merge.id))
        .filter((a) => a.answer === 'accept')
        .map((a) => a.userId),
    );
    return champions.every((c) => accepted.has(c.userId));
  }

  private async carryOut(actor: Actor, merge: IdeaMergeEntity, ideas: IdeaEntity[]): Promise<void> {
    const { labId, targetIdeaId: target, sourceIdeaIds: sources } = merge;
    await this.revisions.carryOver(sources, target);
    await this.discussion.carryOverComments(sources, target);
    await this.discussion.carryOverSupporters(sources, target);
    const champions = await this.ideas.championsOf(sources);
    await this.ideas.addChampions(target, [...new Set(champions.map((c) => c.userId))]);
    for (const source of sources) await this.ideas.setStatus(source, 'merged', target);
    await this.merges.decide(merge.id, 'merged');
    // Other proposals about the merged ideas can no longer happen.
    for (const other of await this.merges.openInvolving(labId, sources)) {
      if (other.id !== merge.id) await this.merges.decide(other.id, 'withdrawn');
    }
    if (await this.boards.dropFromShortlist(labId, sources)) {
      const board = await this.boards.findOrCreate(labId);
      const shortlist = await this.boards.shortlistOf(labId);
      this.live.shortlistChanged(
        labId,
        board.shortlistVersion,
        shortlist.map((s) => s.id),
      );
    }
    const targetIdea = ideas.find((i) => i.id === target) as IdeaEntity;
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'idea.merged',
      entityType: 'idea',
      entityId: target,
      data: {
        title: targetIdea.title,
        merged: sources.length,
        sources: ideas
          .filter((i) => sources.includes(i.id))
          .map((i) => ({ id: i.id, title: i.title })),
        mergeId: merge.id,
      },
    });
    for (const source of sources)
      this.live.ideaChanged(labId, source, 'merged', versionOf(ideas, source), target);
    this.live.ideaChanged(labId, target, 'merged', targetIdea.version, target);
  }

  private async requireActiveIdeas(labId: string, ids: string[]): Promise<IdeaEntity[]> {
    const ideas = await this.ideas.findManyOfLabForUpdate(labId, ids);
    const problems = ids.flatMap((id) => {
      const idea = ideas.find((i) => i.id === id);
      if (!idea) return [{ field: 'ideaIds', message: `${id} is not an idea of this lab` }];
      if (idea.status !== 'active')
        return [{ field: 'ideaIds', message: `"${idea.title}" is ${idea.status}` }];
      return [];
    });
    if (problems.length > 0) {
      throw new IdeasError(
        'IDEA_MERGE_INVALID',
        'Only active ideas of this lab can be merged.',
        problems,
      );
    }
    return ideas;
  }

  private async view(merge: IdeaMergeEntity): Promise<IdeaMergeView> {
    const ids = [merge.targetIdeaId, ...merge.sourceIdeaIds];
    const ideas = await this.ideas.findManyOfLab(merge.labId, ids);
    const ref = (id: string) => ({ id, title: ideas.find((i) => i.id === id)?.title ?? '' });
    const answers = await this.merges.answersOf(merge.id);
    const champions = await this.ideas.championsOf(ids);
    const answered = new Set(answers.map((a) => a.userId));
    const waiting = [...new Set(champions.map((c) => c.userId))].filter((u) => !answered.has(u));
    const people = await this.merges.people([merge.proposedBy, ...waiting]);
    const person = (userId: string) =>
      people.find((p) => p.userId === userId) ?? { userId, displayName: '' };
    const declined = answers.find((a) => a.answer === 'decline');
    return {
      id: merge.id,
      target: ref(merge.targetIdeaId),
      sources: merge.sourceIdeaIds.map(ref),
      state: merge.state,
      proposedBy: person(merge.proposedBy),
      accepted: answers
        .filter((a) => a.answer === 'accept')
        .map((a) => ({ userId: a.userId, displayName: a.displayName })),
      waitingFor: merge.state === 'open' ? waiting.map(person) : [],
      declinedBy: declined ? { userId: declined.userId, displayName: declined.displayName } : null,
      createdAt: merge.createdAt.toISOString(),
      decidedAt: merge.decidedAt ? merge.decidedAt.toISOString() : null,
    };
  }
}

const versionOf = (ideas: IdeaEntity[], id: string) => ideas.find((i) => i.id === id)?.version ?? 1;
