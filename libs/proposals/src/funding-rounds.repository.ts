import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@ideas-lab/platform';
import { FundingRoundEntity } from './entities/funding-round.entity.js';
import { FundingRoundTeamEntity } from './entities/funding-round-team.entity.js';

export type FundingRoundFields = Pick<
  FundingRoundEntity,
  | 'name'
  | 'poolMinor'
  | 'awardCapMinor'
  | 'currency'
  | 'proposalsDueAt'
  | 'rubric'
  | 'sections'
  | 'access'
  | 'previousRoundId'
>;

/** Funding rounds of a lab and each team's standing in them (invitation, extension). */
@Injectable()
export class FundingRoundsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private get rounds() {
    return this.tx.manager().getRepository(FundingRoundEntity);
  }

  private get standings() {
    return this.tx.manager().getRepository(FundingRoundTeamEntity);
  }

  /** A new round; null when the lab already has a round of that name. */
  async insert(
    labId: string,
    fields: FundingRoundFields,
    createdBy: string,
  ): Promise<FundingRoundEntity | null> {
    const result = await this.rounds
      .createQueryBuilder()
      .insert()
      .into(FundingRoundEntity)
      .values({ labId, ...fields, createdBy, version: 1 })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    return id ? this.rounds.findOneBy({ id }) : null;
  }

  findInLab(labId: string, roundId: string): Promise<FundingRoundEntity | null> {
    return this.rounds.findOneBy({ labId, id: roundId });
  }

  findOfLab(labId: string): Promise<FundingRoundEntity[]> {
    return this.rounds.find({ where: { labId }, order: { proposalsDueAt: 'ASC', name: 'ASC' } });
  }

  /** Write new settings if the round is still at `version`; false when someone changed it first. */
  async updateIfVersion(
    roundId: string,
    version: number,
    fields: Partial<FundingRoundFields>,
  ): Promise<boolean> {
    const result = await this.rounds
      .createQueryBuilder()
      .update(FundingRoundEntity)
      .set({ ...fields, version: () => 'version + 1' })
      .where('id = :roundId AND version = :version', { roundId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  findStandingsOfRound(roundId: string): Promise<FundingRoundTeamEntity[]> {
    return this.standings.findBy({ roundId });
  }

  findStanding(roundId: string, teamId: string): Promise<FundingRoundTeamEntity | null> {
    return this.standings.findOneBy({ roundId, teamId });
  }

  /** Exactly these teams are invited to the round (others keep their extensions). */
  async setInvitedTeams(roundId: string, teamIds: readonly string[]): Promise<void> {
    const manager = this.tx.manager();
    await manager.query(
      `UPDATE funding_round_teams SET invited = false WHERE round_id = $1 AND NOT (team_id = ANY($2::uuid[]))`,
      [roundId, [...teamIds]],
    );
    if (teamIds.length > 0)
      await manager.query(
        `INSERT INTO funding_round_teams (round_id, team_id, invited) SELECT $1, unnest($2::uuid[]), true
         ON CONFLICT (round_id, team_id) DO UPDATE SET invited = true`,
        [roundId, [...teamIds]],
      );
  }

  async setTeamInvited(roundId: string, teamId: string, invited: boolean): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO funding_round_teams (round_id, team_id, invited) VALUES ($1, $2, $3)
       ON CONFLICT (round_id, team_id) DO UPDATE SET invited = $3`,
      [roundId, teamId, invited],
    );
  }

  async setExtension(
    roundId: string,
    teamId: string,
    until: Date | null,
    grantedBy: string,
  ): Promise<void> {
    await this.tx.manager().query(
      `INSERT INTO funding_round_teams (round_id, team_id, extension_until, extension_granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (round_id, team_id) DO UPDATE SET extension_until = $3, extension_granted_by = $4`,
      [roundId, teamId, until, grantedBy],
    );
  }
}
