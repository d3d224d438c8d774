import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '@ideas-lab/identity';
import { LabEntity } from '@ideas-lab/labs';

/**
 * Where a team stands: `forming` (people join and leave, runs of the optimiser may reshape it),
 * `locked` (the organisers marked it formed: later runs keep it as it is), `confirmed` (it has a
 * name, a lead and a mentor, and carries its idea into proposals).
 */
export type TeamStatus = 'forming' | 'locked' | 'confirmed';

/**
 * A team of a lab's workshop: people working on one idea, with a chat of their own. Organisers
 * set teams up by hand (confirmed from the start), or team formation forms them around
 * shortlisted ideas (self-organised or by the optimiser) and confirms them.
 */
@Entity({ name: 'teams' })
@Index('teams_lab_name_key', ['labId', 'name'], { unique: true })
@Index('teams_lab_idea_key', ['labId', 'ideaId'], {
  unique: true,
  where: '"idea_id" IS NOT NULL',
})
@Check('teams_status_check', `"status" IN ('forming','locked','confirmed')`)
@Check(
  'teams_size_check',
  `"min_size" IS NULL OR "max_size" IS NULL OR ("min_size" >= 1 AND "min_size" <= "max_size")`,
)
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'teams_pkey' })
  id: string;

  @Column({ type: 'uuid', name: 'lab_id' })
  @ForeignKey(() => LabEntity, 'id', { onDelete: 'CASCADE', name: 'teams_lab_fkey' })
  labId: string;

  @Column({ type: 'text' })
  name: string;

  /**
   * The shortlisted idea the team carries (ideas of libs/ideas); null for a team set up by hand.
   * Ideas are archived or merged, not deleted; should one go, its team stays, without an idea.
   * Named by entity name: libs/ideas depends on this lib, so importing its entity would be a cycle.
   */
  @Column({ type: 'uuid', name: 'idea_id', nullable: true })
  @ForeignKey('IdeaEntity', 'id', { onDelete: 'SET NULL', name: 'teams_idea_fkey' })
  ideaId: string | null;

  @Column({ type: 'varchar', length: 12, default: 'confirmed' })
  status: TeamStatus;

  /** A member who leads the team (set when it is confirmed). */
  @Column({ type: 'uuid', name: 'lead_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'SET NULL', name: 'teams_lead_fkey' })
  leadId: string | null;

  /** A mentor of the lab who accompanies the team; mentors are never members. */
  @Column({ type: 'uuid', name: 'mentor_id', nullable: true })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'SET NULL', name: 'teams_mentor_fkey' })
  mentorId: string | null;

  /** Size caps while the team forms; null: no cap. */
  @Column({ type: 'integer', name: 'min_size', nullable: true })
  minSize: number | null;

  @Column({ type: 'integer', name: 'max_size', nullable: true })
  maxSize: number | null;

  /** Bumped by every change of the team or its members (optimistic locking of hand edits). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  @ForeignKey(() => UserEntity, 'id', { onDelete: 'SET NULL', name: 'teams_created_by_fkey' })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
