import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { DecisionLetterEntity } from './entities/decision-letter.entity.js';

export type NewDecisionLetter = Pick<
  DecisionLetterEntity,
  'labId' | 'decisionId' | 'outcome' | 'recipient' | 'subject' | 'body'
>;

/** The outbox of decision letters of each lab. */
@Injectable()
export class DecisionLettersRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get repo() {
    return this.tx.manager().getRepository(DecisionLetterEntity);
  }

  findOfLab(labId: string): Promise<DecisionLetterEntity[]> {
    return this.repo.find({
      where: { labId },
      order: { outcome: 'ASC', recipient: 'ASC', id: 'ASC' },
    });
  }

  findOfLabById(labId: string, letterId: string): Promise<DecisionLetterEntity | null> {
    return this.repo.findOneBy({ id: letterId, labId });
  }

  /** Letters that the next release sends: drafts and failed sends. */
  findUnsentOfLab(labId: string): Promise<DecisionLetterEntity[]> {
    return this.repo.find({
      where: { labId, status: In(['draft', 'failed']) },
      order: { recipient: 'ASC', id: 'ASC' },
    });
  }

  /** Write or rewrite the drafts; a letter already sent or failed is left alone. */
  async upsertDrafts(letters: NewDecisionLetter[]): Promise<void> {
    for (const letter of letters) {
      const existing = await this.repo.findOneBy({ decisionId: letter.decisionId });
      if (!existing)
        await this.repo.insert({
          ...letter,
          status: 'draft',
          attempts: 0,
          lastError: null,
          transport: null,
          sentAt: null,
        });
      else if (existing.status === 'draft') await this.repo.update({ id: existing.id }, letter);
    }
  }

  save(letter: DecisionLetterEntity): Promise<DecisionLetterEntity> {
    return this.repo.save(letter);
  }
}
