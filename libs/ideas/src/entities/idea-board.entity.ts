import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LabEntity } from '@ideas-lab/labs';

/**
 * A lab's ideas board settings (the challenge areas ideas address, the summary word limit)
 * and the version of its shortlist. `version` goes up with every settings change and
 * `shortlistVersion` with every shortlist change (optimistic locking of each).
 */
@Entity({ name: 'idea_boards' })
@Check('idea_boards_summary_word_limit_check', '"summary_word_limit" BETWEEN 10 AND 2000')
export class IdeaBoardEntity {
  @PrimaryColumn({ type: 'uuid', name: 'lab_id', primaryKeyConstraintName: 'idea_boards_pkey' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'idea_boards_lab_fkey' })
  labId: string;

  /** The parts of the lab's challenge an idea can address; empty: any wording is accepted. */
  @Column({ type: 'jsonb', name: 'challenge_areas', default: () => "'[]'" })
  challengeAreas: string[];

  @Column({ type: 'integer', name: 'summary_word_limit', default: 250 })
  summaryWordLimit: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'integer', name: 'shortlist_version', default: 0 })
  shortlistVersion: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
