import { Injectable } from '@nestjs/common';
import type { ProposalContent } from '@ideas-lab/domain';
import { rowsOf, TransactionRunner } from '@ideas-lab/platform';
import { ProposalEntity } from './entities/proposal.entity.js';

export interface ProposalVersionRow {
  proposalId: string;
  version: number;
  content: ProposalContent;
  budgetTotalMinor: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
}

const VERSION_COLUMNS = `v.proposal_id AS "proposalId", v.version, v.content, v.budget_total_minor AS "budgetTotalMinor",
  v.author_id AS "authorId", u.display_name AS "authorName", v.created_at AS "createdAt"`;

/** Proposals, one per team and round, and their versions. */
@Injectable()
export class ProposalsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get proposals() {
    return this.tx.manager().getRepository(ProposalEntity);
  }

  findOfTeam(roundId: string, teamId: string): Promise<ProposalEntity | null> {
    return this.proposals.findOneBy({ roundId, teamId });
  }

  findById(proposalId: string): Promise<ProposalEntity | null> {
    return this.proposals.findOneBy({ id: proposalId });
  }

  findOfRound(roundId: string): Promise<ProposalEntity[]> {
    return this.proposals.findBy({ roundId });
  }

  /**
   * The team's proposal row, made on its first save (version 0); two first saves at once
   * make one row.
   */
  async ensure(input: {
    labId: string;
    roundId: string;
    teamId: string;
    startedFrom: { proposalId: string; version: number } | null;
  }): Promise<string> {
    const manager = this.tx.manager();
    await manager.query(
      `INSERT INTO proposals (lab_id, round_id, team_id, started_from_proposal_id, started_from_version)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (round_id, team_id) DO NOTHING`,
      [
        input.labId,
        input.roundId,
        input.teamId,
        input.startedFrom?.proposalId ?? null,
        input.startedFrom?.version ?? null,
      ],
    );
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM proposals WHERE round_id = $1 AND team_id = $2`,
      [input.roundId, input.teamId],
    );
    return rows[0].id;
  }

  /**
   * Move the proposal from `baseVersion` to the next version; null when it is no longer at
   * `baseVersion` (someone saved first). A concurrent save waits for the other's commit and
   * then finds the version moved, so exactly one save wins per version.
   */
  async advanceVersion(proposalId: string, baseVersion: number): Promise<number | null> {
    const rows = rowsOf<{ version: number }>(
      await this.tx
        .manager()
        .query(
          `UPDATE proposals SET version = version + 1 WHERE id = $1 AND version = $2 RETURNING version`,
          [proposalId, baseVersion],
        ),
    );
    return rows[0]?.version ?? null;
  }

  async insertVersion(input: {
    proposalId: string;
    version: number;
    content: ProposalContent;
    budgetTotalMinor: number;
    authorId: string;
  }): Promise<void> {
    await this.tx
      .manager()
      .query(
        `INSERT INTO proposal_versions (proposal_id, version, content, budget_total_minor, author_id) VALUES ($1, $2, $3::jsonb, $4, $5)`,
        [
          input.proposalId,
          input.version,
          JSON.stringify(input.content),
          input.budgetTotalMinor,
          input.authorId,
        ],
      );
  }

  /** Mark `version` submitted if it is still the latest; false when a save came in between. */
  async markSubmitted(proposalId: string, version: number): Promise<boolean> {
    const rows = rowsOf(
      await this.tx
        .manager()
        .query(
          `UPDATE proposals SET submitted_version = $2, submitted_at = now() WHERE id = $1 AND version = $2 RETURNING id`,
          [proposalId, version],
        ),
    );
    return rows.length === 1;
  }

  async findVersion(proposalId: string, version: number): Promise<ProposalVersionRow | null> {
    const rows: ProposalVersionRow[] = await this.tx.manager().query(
      `SELECT ${VERSION_COLUMNS} FROM proposal_versions v LEFT JOIN users u ON u.id = v.author_id
        WHERE v.proposal_id = $1 AND v.version = $2`,
      [proposalId, version],
    );
    return rows[0] ?? null;
  }

  /** Every version of a proposal, newest first. */
  findVersionsOf(proposalId: string): Promise<ProposalVersionRow[]> {
    return this.tx.manager().query(
      `SELECT ${VERSION_COLUMNS} FROM proposal_versions v LEFT JOIN users u ON u.id = v.author_id
        WHERE v.proposal_id = $1 ORDER BY v.version DESC`,
      [proposalId],
    );
  }

  /** The given version of each of several proposals (e.g. the latest, or the submitted one). */
  findVersionsAt(
    pairs: readonly { proposalId: string; version: number }[],
  ): Promise<ProposalVersionRow[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return this.tx.manager().query(
      `SELECT ${VERSION_COLUMNS}
         FROM unnest($1::uuid[], $2::int[]) AS p(proposal_id, version)
         JOIN proposal_versions v ON v.proposal_id = p.proposal_id AND v.version = p.version
         LEFT JOIN users u ON u.id = v.author_id`,
      [pairs.map((p) => p.proposalId), pairs.map((p) => p.version)],
    );
  }
}
