import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@ideas-lab/platform';
import { FundingDecisionEntity } from './entities/funding-decision.entity.js';
import {
  FundingPortfolioRunEntity,
  type PortfolioRunInputs,
} from './entities/funding-portfolio-run.entity.js';
import { ProgressReportEntity } from './entities/progress-report.entity.js';

export type DecisionFields = Pick<
  FundingDecisionEntity,
  'outcome' | 'amountMinor' | 'rationale' | 'invitedRoundId' | 'runId' | 'decidedBy'
>;

/** A raw UPDATE answers `[rows, count]`. */
const affected = (result: unknown): number => (result as [unknown, number])[1];

/** Portfolio runs, funding decisions and progress reports: the only TypeORM user of this lib. */
@Injectable()
export class FundingRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get runs() {
    return this.tx.manager().getRepository(FundingPortfolioRunEntity);
  }
  private get decisions() {
    return this.tx.manager().getRepository(FundingDecisionEntity);
  }
  private get reports() {
    return this.tx.manager().getRepository(ProgressReportEntity);
  }

  // ---- runs ----------------------------------------------------------------------------------

  insertRun(run: {
    labId: string;
    roundId: string;
    inputs: PortfolioRunInputs;
    seed: string;
    status: string;
    result: FundingPortfolioRunEntity['result'];
    createdBy: string;
  }): Promise<FundingPortfolioRunEntity> {
    return this.runs.save(this.runs.create({ ...run, adoptedAt: null }));
  }

  findRun(roundId: string, runId: string): Promise<FundingPortfolioRunEntity | null> {
    return this.runs.findOneBy({ id: runId, roundId });
  }

  findRunsOfRound(roundId: string): Promise<FundingPortfolioRunEntity[]> {
    return this.runs.find({ where: { roundId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** This run is the adopted one of its round (no other stays adopted). */
  async markAdopted(roundId: string, runId: string, at: Date): Promise<void> {
    await this.tx.manager().query(
      `UPDATE funding_portfolio_runs SET adopted_at = CASE WHEN id = $2 THEN $3::timestamptz ELSE NULL END
        WHERE round_id = $1`,
      [roundId, runId, at],
    );
  }

  // ---- decisions ---------------------------------------------------------------------------

  /**
   * Take the round's row lock: decisions of one round are written one at a time, so the sum
   * of awards is checked against the pool without a race.
   */
  async lockRound(roundId: string): Promise<void> {
    await this.tx
      .manager()
      .query(`SELECT id FROM funding_rounds WHERE id = $1 FOR UPDATE`, [roundId]);
  }

  findDecisionsOfRound(roundId: string): Promise<FundingDecisionEntity[]> {
    return this.decisions.findBy({ roundId });
  }

  findDecisionOfProposal(proposalId: string): Promise<FundingDecisionEntity | null> {
    return this.decisions.findOneBy({ proposalId });
  }

  insertDecision(
    decision: DecisionFields & {
      labId: string;
      roundId: string;
      proposalId: string;
      teamId: string;
    },
  ): Promise<FundingDecisionEntity> {
    return this.decisions.save(this.decisions.create({ ...decision, version: 1 }));
  }

  /** Write the decision if it is still at `version`; false when someone changed it first. */
  async updateDecisionIfVersion(
    id: string,
    version: number,
    fields: DecisionFields,
  ): Promise<boolean> {
    const result = await this.tx.manager().query(
      `UPDATE funding_decisions
          SET outcome = $3, amount_minor = $4, rationale = $5, invited_round_id = $6, run_id = $7,
              decided_by = $8, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        fields.outcome,
        fields.amountMinor,
        fields.rationale,
        fields.invitedRoundId,
        fields.runId,
        fields.decidedBy,
      ],
    );
    return affected(result) === 1;
  }

  // ---- progress reports --------------------------------------------------------------------

  /** One report per team at this date; a team that already has one then keeps it. */
  async insertReports(
    reports: readonly {
      labId: string;
      roundId: string;
      teamId: string;
      title: string;
      dueAt: Date;
      createdBy: string;
    }[],
  ): Promise<void> {
    if (reports.length === 0) return;
    await this.reports
      .createQueryBuilder()
      .insert()
      .values([...reports])
      .orIgnore()
      .execute();
  }

  findReportsOfRound(roundId: string): Promise<ProgressReportEntity[]> {
    return this.reports.find({ where: { roundId }, order: { dueAt: 'ASC', teamId: 'ASC' } });
  }

  findReportsOfTeams(labId: string, teamIds: readonly string[]): Promise<ProgressReportEntity[]> {
    if (teamIds.length === 0) return Promise.resolve([]);
    return this.reports.find({
      where: { labId, teamId: In([...teamIds]) },
      order: { dueAt: 'ASC', teamId: 'ASC' },
    });
  }

  findReportOfLab(labId: string, reportId: string): Promise<ProgressReportEntity | null> {
    return this.reports.findOneBy({ labId, id: reportId });
  }

  /** File the report if it is still at `version`; false when a teammate filed first. */
  async fileReportIfVersion(
    id: string,
    version: number,
    fields: Pick<ProgressReportEntity, 'summary' | 'outcomes' | 'nextSteps' | 'links' | 'filedBy'>,
    at: Date,
  ): Promise<boolean> {
    const result = await this.tx.manager().query(
      `UPDATE progress_reports
          SET summary = $3, outcomes = $4, next_steps = $5, links = $6::jsonb, filed_by = $7,
              filed_at = $8, version = version + 1
        WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        fields.summary,
        fields.outcomes,
        fields.nextSteps,
        JSON.stringify(fields.links),
        fields.filedBy,
        at,
      ],
    );
    return affected(result) === 1;
  }

  async markReminded(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.tx
      .manager()
      .query(
        `UPDATE progress_reports SET reminders = reminders + 1, reminded_at = $2 WHERE id = ANY($1::uuid[])`,
        [[...ids], at],
      );
  }
}
