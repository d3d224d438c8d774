import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  FundingCandidate,
  FundingPortfolio,
  PortfolioRules as DomainRules,
} from '@ideas-lab/domain';
import { AuditService, SolverPool, TransactionRunner } from '@ideas-lab/platform';
import type {
  FundingPortfolioRunEntity,
  PortfolioRunInputs,
} from './entities/funding-portfolio-run.entity.js';
import type {
  AdoptPortfolioRun,
  CreatePortfolioRun,
  FundingMerit,
  FundingRules,
  PortfolioReplay,
  PortfolioRun,
  PortfolioRunSummary,
} from './funding.contract.js';
import { FundingError } from './funding.errors.js';
import { FundingRepository } from './funding.repository.js';
import {
  FundingContextReader,
  type FundingContext,
  type FundingProposal,
} from './funding-context.js';
import { FundingDecisionsService } from './funding-decisions.service.js';

const major = (minor: number) => minor / 100;

/** Merit of a proposal: its review score, mixed with its pitch score by `pitchWeight`. */
function meritOf(p: FundingProposal, pitchWeight: number): number | null {
  const review = p.merit?.score ?? null;
  const pitch = pitchWeight > 0 ? p.pitchScore : null;
  if (review === null && pitch === null) return null;
  if (review === null) return pitch;
  if (pitch === null) return review;
  return (1 - pitchWeight) * review + pitchWeight * pitch;
}

function domainRules(rules: FundingRules): DomainRules {
  return {
    ...(rules.maxAwardsPerInstitution != null && {
      maxAwardsPerInstitution: rules.maxAwardsPerInstitution,
    }),
    ...(rules.minAwardsPerArea !== undefined && { minAwardsPerArea: rules.minAwardsPerArea }),
    ...(rules.mustFund && rules.mustFund.length > 0 && { mustFund: rules.mustFund }),
    ...(rules.mustNotFund && rules.mustNotFund.length > 0 && { mustNotFund: rules.mustNotFund }),
    ...(rules.partialAwards && { partialAwards: rules.partialAwards }),
  };
}

function rulesOf(rules: DomainRules): FundingRules {
  return {
    maxAwardsPerInstitution: rules.maxAwardsPerInstitution ?? null,
    ...(rules.minAwardsPerArea !== undefined && { minAwardsPerArea: rules.minAwardsPerArea }),
    mustFund: [...(rules.mustFund ?? [])],
    mustNotFund: [...(rules.mustNotFund ?? [])],
    partialAwards: rules.partialAwards ?? null,
  };
}

function summaryOf(run: FundingPortfolioRunEntity): PortfolioRunSummary {
  const { inputs, result } = run;
  return {
    id: run.id,
    createdAt: run.createdAt.toISOString(),
    seed: run.seed,
    status: run.status,
    optimal: result.optimal,
    adopted: run.adoptedAt !== null,
    rules: rulesOf(inputs.rules),
    lottery: inputs.lotteryBandIds !== null,
    pitchWeight: inputs.pitchWeight,
    fundedTeams: result.fundedIds.map((id) => inputs.teamNames[id] ?? id),
    fundedIds: result.fundedIds,
    totalAwarded: major(result.totalAwarded),
    moneyLeft: major(result.moneyLeft),
    totalMerit: result.totalMerit,
  };
}

function runView(run: FundingPortfolioRunEntity): PortfolioRun {
  const { inputs, result } = run;
  const name = (id: string) => inputs.teamNames[id] ?? 'a proposal no longer submitted';
  const byId = new Map(inputs.proposals.map((p) => [p.id, p]));
  // The solver's messages name proposals by id: name their teams instead.
  const words = (message: string) =>
    Object.keys(inputs.teamNames).reduce(
      (text, id) => text.replaceAll(id, `"${name(id)}"`),
      message,
    );
  const proposal = (id: string) => ({
    proposalId: id,
    teamName: name(id),
    title: inputs.titles[id] ?? '',
    request: major(byId.get(id)?.request ?? 0),
    merit: byId.get(id)?.merit ?? 0,
  });
  const drawn = new Set(result.lottery?.drawnIds ?? []);
  const { infeasibility } = result;
  return {
    ...summaryOf(run),
    solverStatus: result.solverStatus,
    money: {
      pool: major(inputs.pool),
      awardCap: major(inputs.awardCap),
      currency: inputs.currency,
    },
    awards: result.awards.map((a) => ({
      ...proposal(a.proposalId),
      amount: major(a.amount),
      fraction: a.fraction,
      mustFund: a.mustFund,
      drawn: drawn.has(a.proposalId),
    })),
    unfunded: result.unfundedIds.map(proposal),
    ineligible: result.ineligible.map((i) => ({
      proposalId: i.proposalId,
      teamName: name(i.proposalId),
      message: words(i.message),
    })),
    areas: result.areas,
    next: result.next.map((n) => ({
      proposalId: n.proposalId,
      teamName: name(n.proposalId),
      merit: n.merit,
      request: major(n.request),
      meritNeeded: n.meritNeeded,
      requestNeeded: n.requestNeeded === null ? null : major(n.requestNeeded),
      message: words(n.message),
    })),
    draw: result.lottery
      ? {
          seed: String(result.lottery.seed),
          line: result.lottery.line,
          candidates: result.lottery.draws.map((d) => ({
            proposalId: d.proposalId,
            teamName: name(d.proposalId),
            value: d.value,
            won: drawn.has(d.proposalId),
          })),
        }
      : null,
    infeasibility: infeasibility
      ? {
          messages: [...infeasibility.conflicts.map((c) => c.message), ...infeasibility.messages]
            .map(words)
            .filter((m, i, all) => all.indexOf(m) === i),
          relaxation: infeasibility.relaxation.map((r) => words(r.message)),
        }
      : null,
  };
}

/**
 * The portfolio optimiser of a funding round: merit from the reviews (and optionally pitches),
 * the organisers' rules, a solve in the solver pool outside any transaction, the run stored with
 * its inputs and seed (so it can be solved again to the same answer), compared, adopted.
 */
@Injectable()
export class PortfolioRunsService {
  constructor(
    private readonly store: FundingRepository,
    private readonly reader: FundingContextReader,
    private readonly decisions: FundingDecisionsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly solvers: SolverPool,
  ) {}

  async merit(actor: Actor, labId: string, roundId: string): Promise<FundingMerit> {
    return this.reader.meritView(await this.reader.read(actor, labId, roundId));
  }

  async createRun(
    actor: Actor,
    labId: string,
    roundId: string,
    body: CreatePortfolioRun,
  ): Promise<PortfolioRun> {
    const context = await this.reader.read(actor, labId, roundId);
    const inputs = this.inputsOf(context, body);
    const seed = body.seed ?? randomUUID().slice(0, 8);
    const result = await this.solve(inputs, seed);
    const run = await this.tx.run(async () => {
      const saved = await this.store.insertRun({
        labId,
        roundId,
        inputs,
        seed,
        status: result.status,
        result,
        createdBy: actor.userId,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.portfolio_run',
        entityType: 'funding_portfolio_run',
        entityId: saved.id,
        data: {
          roundId,
          seed,
          status: result.status,
          funded: result.fundedIds.length,
          moneyLeft: major(result.moneyLeft),
        },
      });
      if (result.lottery)
        await this.audit.append({
          actorId: actor.userId,
          labId,
          action: 'funding.lottery_drawn',
          entityType: 'funding_portfolio_run',
          entityId: saved.id,
          data: {
            roundId,
            seed,
            candidates: result.lottery.bandIds,
            winners: result.lottery.drawnIds,
          },
        });
      return saved;
    });
    return runView(run);
  }

  async runs(actor: Actor, labId: string, roundId: string): Promise<PortfolioRunSummary[]> {
    await this.reader.read(actor, labId, roundId);
    return (await this.store.findRunsOfRound(roundId)).map(summaryOf);
  }

  async run(actor: Actor, labId: string, roundId: string, runId: string): Promise<PortfolioRun> {
    await this.reader.read(actor, labId, roundId);
    return runView(await this.requireRun(roundId, runId));
  }

  /** Solve the stored inputs with the stored seed again: the same awards and the same draw. */
  async replay(
    actor: Actor,
    labId: string,
    roundId: string,
    runId: string,
  ): Promise<PortfolioReplay> {
    await this.reader.read(actor, labId, roundId);
    const run = await this.requireRun(roundId, runId);
    const again = await this.solve(run.inputs, run.seed);
    const awards = (r: FundingPortfolio) =>
      JSON.stringify(r.awards.map((a) => [a.proposalId, a.amount]));
    const drawn = (r: FundingPortfolio) => JSON.stringify(r.lottery?.drawnIds ?? []);
    const same =
      again.status === run.result.status &&
      awards(again) === awards(run.result) &&
      drawn(again) === drawn(run.result);
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'funding.portfolio_replayed',
      entityType: 'funding_portfolio_run',
      entityId: run.id,
      data: { roundId, seed: run.seed, same },
    });
    return {
      run: runView(run),
      same,
      replayedFundedIds: again.fundedIds,
      replayedDrawnIds: again.lottery?.drawnIds ?? [],
    };
  }

  /** The run's awards become the round's decisions (each written with the rationale given). */
  async adopt(
    actor: Actor,
    labId: string,
    roundId: string,
    runId: string,
    body: AdoptPortfolioRun,
  ): Promise<PortfolioRun> {
    const context = await this.reader.read(actor, labId, roundId);
    const run = await this.requireRun(roundId, runId);
    if (run.result.infeasibility !== null || run.result.status === 'infeasible')
      throw new FundingError(
        'FUNDING_RUN_INFEASIBLE',
        'This run found no portfolio that keeps the rules: change the rules and run again.',
      );
    return this.tx.run(async () => {
      await this.decisions.adoptAwards(actor, context, {
        runId,
        rationale: body.rationale,
        awards: new Map(run.result.awards.map((a) => [a.proposalId, a.amount])),
        decided: run.inputs.proposals.map((p) => p.id),
      });
      const at = new Date();
      await this.store.markAdopted(roundId, runId, at);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.run_adopted',
        entityType: 'funding_portfolio_run',
        entityId: runId,
        data: { roundId, funded: run.result.fundedIds.length },
      });
      return runView({ ...run, adoptedAt: at });
    });
  }

  private async requireRun(roundId: string, runId: string): Promise<FundingPortfolioRunEntity> {
    const run = await this.store.findRun(roundId, runId);
    if (!run) throw FundingError.runNotFound();
    return run;
  }

  private solve(inputs: PortfolioRunInputs, seed: string): Promise<FundingPortfolio> {
    return this.solvers.run('optimiseFundingPortfolio', {
      proposals: inputs.proposals,
      pool: inputs.pool,
      awardCap: inputs.awardCap,
      rules: inputs.rules,
      seed,
      ...(inputs.lotteryBandIds !== null && { lottery: { bandIds: inputs.lotteryBandIds } }),
      nextCount: 3,
    });
  }

  /** The optimiser's input, or a 4xx saying what is missing or wrong. */
  private inputsOf(context: FundingContext, body: CreatePortfolioRun): PortfolioRunInputs {
    if (context.proposals.length === 0)
      throw new FundingError(
        'FUNDING_NO_PROPOSALS',
        'No proposal has been submitted to this round yet: there is nothing to fund.',
      );
    const pitchWeight = context.pitchScoresAvailable ? (body.pitchWeight ?? 0) : 0;
    const merits = new Map(context.proposals.map((p) => [p.proposal.id, meritOf(p, pitchWeight)]));
    if ([...merits.values()].every((m) => m === null))
      throw new FundingError(
        'FUNDING_NO_MERIT',
        'No proposal has a review score yet: the optimiser weighs proposals by their reviews, so they must be reviewed first.',
      );
    const known = new Set(context.proposals.map((p) => p.proposal.id));
    const problems: { field: string; message: string }[] = [];
    for (const list of ['mustFund', 'mustNotFund'] as const)
      (body.rules[list] ?? []).forEach((id, i) => {
        if (!known.has(id))
          problems.push({
            field: `rules.${list}.${i}`,
            message: 'not a submitted proposal of this round',
          });
      });
    const both = (body.rules.mustFund ?? []).filter((id) =>
      (body.rules.mustNotFund ?? []).includes(id),
    );
    for (const id of both)
      problems.push({
        field: 'rules.mustNotFund',
        message: `a proposal cannot be both must-fund and must-not-fund (${context.proposals.find((p) => p.proposal.id === id)?.team.name})`,
      });
    if (problems.length > 0)
      throw new FundingError(
        'FUNDING_RULES_INVALID',
        `These rules cannot be used: ${problems.map((p) => p.message).join('; ')}.`,
        problems,
      );
    // Proposals asking for nothing are not candidates; unscored ones weigh nothing.
    const candidates: FundingCandidate[] = context.proposals
      .filter((p) => p.proposal.budgetTotalMinor > 0)
      .map((p) => ({
        id: p.proposal.id,
        merit: merits.get(p.proposal.id) ?? 0,
        request: p.proposal.budgetTotalMinor,
        institutions: p.institution ? [p.institution] : [],
        areas: p.proposal.content.challengeArea.trim()
          ? [p.proposal.content.challengeArea.trim()]
          : [],
      }));
    return {
      proposals: candidates,
      pool: Number(context.round.poolMinor),
      awardCap: Number(context.round.awardCapMinor),
      rules: domainRules(body.rules),
      lotteryBandIds: body.lottery
        ? context.proposals
            .filter((p) => p.merit?.flags.includes('straddles-line'))
            .map((p) => p.proposal.id)
        : null,
      pitchWeight,
      teamNames: Object.fromEntries(context.proposals.map((p) => [p.proposal.id, p.team.name])),
      titles: Object.fromEntries(
        context.proposals.map((p) => [p.proposal.id, p.proposal.content.title]),
      ),
      currency: context.round.currency,
    };
  }
}
