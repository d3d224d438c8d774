import { Injectable } from '@nestjs/common';
import { composeFundingLetter, toMinorUnits, type Actor } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { FundingRoundsService, type FundingRoundEntity } from '@ideas-lab/proposals';
import { LabOutboxService, type NewOutboxLetter } from '@ideas-lab/selection';
import type { FundingDecisionEntity } from './entities/funding-decision.entity.js';
import type {
  FundingDecisionBoard,
  FundingDecisionRow,
  FundingLetter,
  FundingLetters,
  PutFundingDecision,
  ReleaseFundingLetters,
} from './funding.contract.js';
import { FundingError } from './funding.errors.js';
import { FundingRepository, type DecisionFields } from './funding.repository.js';
import {
  FundingContextReader,
  fromMinor,
  moneyOf,
  type FundingContext,
  type FundingProposal,
} from './funding-context.js';
import { ProposalReviews } from './proposal-reviews.port.js';

export const formatMoney = (minor: number, currency: string) =>
  `${currency} ${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The organisers' funding decisions on a round: one per proposal (funded with an amount within
 * the cap and, with the others, the pool — or not), a rationale, an invitation to the next
 * round; versioned and audited. Letters to the teams go through the lab's outbox.
 */
@Injectable()
export class FundingDecisionsService {
  constructor(
    private readonly store: FundingRepository,
    private readonly reader: FundingContextReader,
    private readonly rounds: FundingRoundsService,
    private readonly reviews: ProposalReviews,
    private readonly identity: IdentityService,
    private readonly outbox: LabOutboxService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async board(actor: Actor, labId: string, roundId: string): Promise<FundingDecisionBoard> {
    return this.boardOf(await this.reader.read(actor, labId, roundId));
  }

  async put(
    actor: Actor,
    labId: string,
    roundId: string,
    proposalId: string,
    dto: PutFundingDecision,
  ): Promise<FundingDecisionRow> {
    const context = await this.reader.read(actor, labId, roundId);
    const target = this.reader.requireProposal(context, proposalId);
    const fields = await this.fieldsOf(context, target, dto, actor.userId);
    await this.tx.run(async () => {
      await this.store.lockRound(roundId);
      const existing = await this.store.findDecisionOfProposal(proposalId);
      const current = existing?.version ?? 0;
      if (current !== dto.version)
        throw new FundingError(
          'FUNDING_DECISION_VERSION_CONFLICT',
          `Someone changed this decision meanwhile (you edited version ${dto.version}, it is now version ${current}): read it again and decide on top of it.`,
          { currentVersion: current, yourVersion: dto.version },
        );
      this.assertWithinPool(
        context.round,
        await this.store.findDecisionsOfRound(roundId),
        new Map([[proposalId, fields.amountMinor === null ? 0 : Number(fields.amountMinor)]]),
      );
      await this.write(context, target, existing, fields);
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.decision_recorded',
        entityType: 'proposal',
        entityId: proposalId,
        data: {
          roundId,
          team: target.team.name,
          outcome: fields.outcome,
          amount: fromMinor(fields.amountMinor),
          invitedRoundId: fields.invitedRoundId,
          version: current + 1,
        },
      });
    });
    const board = await this.boardOf(await this.reader.read(actor, labId, roundId));
    return board.proposals.find((p) => p.proposalId === proposalId)!;
  }

  /**
   * For an adopted portfolio run (inside its transaction): every proposal it weighed gets its
   * decision — funded with the run's award, or not — with the rationale given; invitations stay.
   */
  async adoptAwards(
    actor: Actor,
    context: FundingContext,
    adoption: {
      runId: string;
      rationale: string;
      awards: ReadonlyMap<string, number>;
      decided: readonly string[];
    },
  ): Promise<void> {
    await this.store.lockRound(context.round.id);
    const decisions = await this.store.findDecisionsOfRound(context.round.id);
    const proposals = context.proposals.filter((p) => adoption.decided.includes(p.proposal.id));
    const amounts = new Map(
      proposals.map((p) => [p.proposal.id, adoption.awards.get(p.proposal.id) ?? 0]),
    );
    for (const [id, amount] of amounts)
      if (amount > Number(context.round.awardCapMinor))
        throw overCap(
          context.round,
          amount,
          proposals.find((p) => p.proposal.id === id)!,
        );
    this.assertWithinPool(context.round, decisions, amounts);
    const byProposal = new Map(decisions.map((d) => [d.proposalId, d]));
    for (const p of proposals) {
      const existing = byProposal.get(p.proposal.id) ?? null;
      const amount = amounts.get(p.proposal.id)!;
      await this.write(context, p, existing, {
        outcome: amount > 0 ? 'funded' : 'not-funded',
        amountMinor: amount > 0 ? String(amount) : null,
        rationale: adoption.rationale,
        invitedRoundId: existing?.invitedRoundId ?? null,
        runId: adoption.runId,
        decidedBy: actor.userId,
      });
    }
  }

  // ---- letters -----------------------------------------------------------------------------

  async letters(actor: Actor, labId: string, roundId: string): Promise<FundingLetters> {
    return this.lettersOf(await this.reader.read(actor, labId, roundId));
  }

  /**
   * A draft per member of every decided team: the decision, its rationale, the invitation, and
   * the reviewers' comments to the team that were released (never a panel comment). Drafts are
   * rewritten; letters already released stay as they went.
   */
  async composeLetters(actor: Actor, labId: string, roundId: string): Promise<FundingLetters> {
    const context = await this.reader.read(actor, labId, roundId);
    const decisions = await this.store.findDecisionsOfRound(roundId);
    const comments = await this.reviews.releasedTeamComments(labId, roundId);
    const roundNames = new Map((await this.rounds.roundsOfLab(labId)).map((r) => [r.id, r.name]));
    const members = context.proposals.flatMap((p) => p.team.members.map((m) => m.userId));
    const emails = new Map(
      (await this.identity.profilesByIds([...new Set(members)])).map((u) => [u.id, u]),
    );
    const letters: NewOutboxLetter[] = [];
    for (const decision of decisions) {
      const p = context.proposals.find((x) => x.proposal.id === decision.proposalId);
      if (!p) continue;
      for (const member of p.team.members) {
        const person = emails.get(member.userId);
        if (!person) continue;
        const { subject, body } = composeFundingLetter({
          outcome: decision.outcome,
          recipientName: person.displayName,
          teamName: p.team.name,
          proposalTitle: p.proposal.content.title,
          roundName: context.round.name,
          labTitle: context.labTitle,
          amount:
            decision.amountMinor === null
              ? null
              : formatMoney(Number(decision.amountMinor), context.round.currency),
          rationale: decision.rationale,
          invitedTo: decision.invitedRoundId
            ? (roundNames.get(decision.invitedRoundId) ?? null)
            : null,
          teamComments: comments
            .filter((c) => c.proposalId === p.proposal.id)
            .map((c) => c.comment),
        });
        letters.push({
          labId,
          kind: 'funding',
          referenceId: decision.id,
          outcome: decision.outcome,
          recipient: person.email,
          subject,
          body,
        });
      }
    }
    await this.tx.run(async () => {
      await this.outbox.replaceDrafts(
        labId,
        'funding',
        decisions.map((d) => d.id),
        letters,
      );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.letters_composed',
        entityType: 'funding_round',
        entityId: roundId,
        data: { letters: letters.length },
      });
    });
    return this.lettersOf(context);
  }

  /** Release the drafts the organiser read and confirmed (their number must still match). */
  async releaseLetters(
    actor: Actor,
    labId: string,
    roundId: string,
    dto: ReleaseFundingLetters,
  ): Promise<FundingLetters> {
    const context = await this.reader.read(actor, labId, roundId);
    await this.tx.run(async () => {
      await this.store.lockRound(roundId);
      const ids = (await this.store.findDecisionsOfRound(roundId)).map((d) => d.id);
      const drafts = (await this.outbox.lettersOf(labId, 'funding', ids)).filter(
        (l) => l.status === 'draft' || l.status === 'failed',
      ).length;
      if (drafts === 0)
        throw new FundingError(
          'FUNDING_NOTHING_TO_RELEASE',
          'There is no letter waiting in the outbox: compose the letters first.',
        );
      if (drafts !== dto.drafts)
        throw new FundingError(
          'FUNDING_LETTERS_CHANGED',
          `The outbox holds ${drafts} letters to release, not the ${dto.drafts} you confirmed: read them again before releasing.`,
          { drafts, confirmed: dto.drafts },
        );
      const queued = await this.outbox.release(labId, 'funding', ids, new Date());
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'funding.letters_released',
        entityType: 'funding_round',
        entityId: roundId,
        data: { queued, transport: this.outbox.transport },
      });
    });
    return this.lettersOf(context);
  }

  // ---- internals ---------------------------------------------------------------------------

  private async fieldsOf(
    context: FundingContext,
    target: FundingProposal,
    dto: PutFundingDecision,
    userId: string,
  ): Promise<DecisionFields> {
    const amount = dto.amount ?? null;
    if (dto.outcome === 'funded' && (amount === null || amount <= 0))
      throw new FundingError(
        'FUNDING_DECISION_INVALID',
        'A funded proposal needs an amount above 0.',
        [{ field: 'amount', message: 'give the award' }],
      );
    if (dto.outcome === 'not-funded' && amount !== null && amount > 0)
      throw new FundingError(
        'FUNDING_DECISION_INVALID',
        'A proposal that is not funded gets no amount.',
        [{ field: 'amount', message: 'leave it empty when not funded' }],
      );
    const minor = amount === null || dto.outcome !== 'funded' ? null : toMinorUnits(amount);
    if (minor !== null && minor > Number(context.round.awardCapMinor))
      throw overCap(context.round, minor, target);
    if (minor !== null && minor > target.proposal.budgetTotalMinor)
      throw new FundingError(
        'FUNDING_OVER_REQUEST',
        `${target.team.name} asked for ${formatMoney(target.proposal.budgetTotalMinor, context.round.currency)}; an award cannot be more than the request.`,
        { request: target.proposal.budgetTotalMinor / 100, amount },
      );
    const invitedRoundId = dto.invitedToRoundId ?? null;
    if (invitedRoundId !== null) {
      const next = (await this.rounds.roundsOfLab(context.labId)).find(
        (r) => r.id === invitedRoundId,
      );
      if (!next || next.access !== 'invite-only' || next.previousRoundId !== context.round.id)
        throw new FundingError(
          'FUNDING_DECISION_INVALID',
          `A team can be invited only to an invite-only round that follows "${context.round.name}".`,
          [{ field: 'invitedToRoundId', message: 'not an invite-only round following this one' }],
        );
    }
    return {
      outcome: dto.outcome,
      amountMinor: minor === null ? null : String(minor),
      rationale: dto.rationale,
      invitedRoundId,
      runId: null,
      decidedBy: userId,
    };
  }

  /** The awards with `changes` applied stay within the pool, or FUNDING_OVER_POOL. */
  private assertWithinPool(
    round: FundingRoundEntity,
    decisions: readonly FundingDecisionEntity[],
    changes: ReadonlyMap<string, number>,
  ): void {
    const elsewhere = decisions
      .filter((d) => !changes.has(d.proposalId) && d.amountMinor !== null)
      .reduce((sum, d) => sum + Number(d.amountMinor), 0);
    const asked = [...changes.values()].reduce((sum, a) => sum + a, 0);
    const pool = Number(round.poolMinor);
    if (elsewhere + asked > pool)
      throw new FundingError(
        'FUNDING_OVER_POOL',
        `The awards would come to ${formatMoney(elsewhere + asked, round.currency)}, over the pool of ${formatMoney(pool, round.currency)}; ${formatMoney(Math.max(0, pool - elsewhere), round.currency)} is left for this decision.`,
        {
          pool: pool / 100,
          awardedElsewhere: elsewhere / 100,
          left: Math.max(0, pool - elsewhere) / 100,
        },
      );
  }

  /** Insert or update (inside the caller's transaction) and keep the invitation in step. */
  private async write(
    context: FundingContext,
    target: FundingProposal,
    existing: FundingDecisionEntity | null,
    fields: DecisionFields,
  ): Promise<void> {
    if (existing === null)
      await this.store.insertDecision({
        ...fields,
        labId: context.labId,
        roundId: context.round.id,
        proposalId: target.proposal.id,
        teamId: target.team.id,
      });
    else if (!(await this.store.updateDecisionIfVersion(existing.id, existing.version, fields)))
      throw new FundingError(
        'FUNDING_DECISION_VERSION_CONFLICT',
        'Someone changed this decision meanwhile: read it again and decide on top of it.',
      );
    const before = existing?.invitedRoundId ?? null;
    if (before !== fields.invitedRoundId) {
      if (before !== null) await this.rounds.setTeamInvited(before, target.team.id, false);
      if (fields.invitedRoundId !== null)
        await this.rounds.setTeamInvited(fields.invitedRoundId, target.team.id, true);
    }
  }

  private async boardOf(context: FundingContext): Promise<FundingDecisionBoard> {
    const decisions = new Map(
      (await this.store.findDecisionsOfRound(context.round.id)).map((d) => [d.proposalId, d]),
    );
    const rounds = await this.rounds.roundsOfLab(context.labId);
    const roundNames = new Map(rounds.map((r) => [r.id, r.name]));
    const letters = await this.outbox.lettersOf(
      context.labId,
      'funding',
      [...decisions.values()].map((d) => d.id),
    );
    const deciders = new Map(
      (
        await this.identity.profilesByIds(
          [...decisions.values()].flatMap((d) => (d.decidedBy ? [d.decidedBy] : [])),
        )
      ).map((u) => [u.id, u.displayName]),
    );
    const awarded = [...decisions.values()].reduce(
      (sum, d) => sum + (d.amountMinor === null ? 0 : Number(d.amountMinor)),
      0,
    );
    const rows: FundingDecisionRow[] = context.proposals.map((p) => {
      const d = decisions.get(p.proposal.id) ?? null;
      const mine = d ? letters.filter((l) => l.referenceId === d.id) : [];
      return {
        proposalId: p.proposal.id,
        teamId: p.team.id,
        teamName: p.team.name,
        title: p.proposal.content.title,
        request: p.proposal.budgetTotalMinor / 100,
        score: p.merit?.score ?? null,
        rank: p.merit?.rank ?? null,
        flags: p.merit?.flags ?? ['unscored'],
        decision: d
          ? {
              id: d.id,
              outcome: d.outcome,
              amount: fromMinor(d.amountMinor),
              rationale: d.rationale,
              invitedToRound: d.invitedRoundId
                ? { id: d.invitedRoundId, name: roundNames.get(d.invitedRoundId) ?? '' }
                : null,
              runId: d.runId,
              version: d.version,
              decidedBy: d.decidedBy ? (deciders.get(d.decidedBy) ?? null) : null,
              updatedAt: d.updatedAt.toISOString(),
            }
          : null,
        letters: {
          drafts: mine.filter((l) => l.status === 'draft').length,
          released: mine.filter((l) => l.status !== 'draft').length,
        },
      };
    });
    rows.sort(
      (a, b) =>
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        a.teamName.localeCompare(b.teamName),
    );
    const pool = Number(context.round.poolMinor);
    return {
      roundId: context.round.id,
      roundName: context.round.name,
      money: moneyOf(context.round),
      awarded: awarded / 100,
      left: (pool - awarded) / 100,
      nextRounds: rounds
        .filter((r) => r.access === 'invite-only' && r.previousRoundId === context.round.id)
        .map((r) => ({ id: r.id, name: r.name })),
      proposals: rows,
    };
  }

  private async lettersOf(context: FundingContext): Promise<FundingLetters> {
    const decisions = await this.store.findDecisionsOfRound(context.round.id);
    const byDecision = new Map(decisions.map((d) => [d.id, d]));
    const teamOf = new Map(context.proposals.map((p) => [p.proposal.id, p.team.name]));
    const all = await this.outbox.lettersOf(
      context.labId,
      'funding',
      decisions.map((d) => d.id),
    );
    const letters: FundingLetter[] = all.map((l) => {
      const proposalId = l.referenceId ? (byDecision.get(l.referenceId)?.proposalId ?? null) : null;
      return {
        id: l.id,
        proposalId,
        teamName: proposalId ? (teamOf.get(proposalId) ?? '') : '',
        outcome: l.outcome,
        recipient: l.recipient,
        subject: l.subject,
        body: l.body,
        status: l.status,
        releasedAt: l.releasedAt?.toISOString() ?? null,
        sentAt: l.sentAt?.toISOString() ?? null,
      };
    });
    const decided = new Set(decisions.map((d) => d.proposalId));
    return {
      transport: this.outbox.transport,
      drafts: letters.filter((l) => l.status === 'draft' || l.status === 'failed').length,
      released: letters.filter((l) => l.status !== 'draft' && l.status !== 'failed').length,
      undecided: context.proposals
        .filter((p) => !decided.has(p.proposal.id))
        .map((p) => p.team.name),
      letters,
    };
  }
}

const overCap = (round: FundingRoundEntity, minor: number, target: FundingProposal) =>
  new FundingError(
    'FUNDING_OVER_CAP',
    `${formatMoney(minor, round.currency)} for ${target.team.name} is over the round's cap of ${formatMoney(Number(round.awardCapMinor), round.currency)} per award.`,
    { cap: Number(round.awardCapMinor) / 100, amount: minor / 100 },
  );
