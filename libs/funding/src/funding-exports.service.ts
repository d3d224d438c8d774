import { Injectable } from '@nestjs/common';
import { reviewerPseudonym, type Actor } from '@ideas-lab/domain';
import { AuditService } from '@ideas-lab/platform';
import type { ExportRow, FundingExport, FundingExportTable } from './funding.contract.js';
import { FundingRepository } from './funding.repository.js';
import { FundingContextReader } from './funding-context.js';
import { ProposalReviews } from './proposal-reviews.port.js';

/**
 * CSV as spreadsheets read it (RFC 4180), a cell that would run as a formula made text — the
 * same rules as the applications export.
 */
function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function rowsToCsv(rows: readonly ExportRow[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    [
      columns.map(csvCell).join(','),
      ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? null)).join(',')),
    ].join('\r\n') + '\r\n'
  );
}

/**
 * A funding round's record for organisers: proposals, reviews, scores and decisions, as JSON
 * or one CSV per table. Where review was blind, reviewers appear as stable pseudonyms.
 */
@Injectable()
export class FundingExportsService {
  constructor(
    private readonly store: FundingRepository,
    private readonly reader: FundingContextReader,
    private readonly reviews: ProposalReviews,
    private readonly audit: AuditService,
  ) {}

  async json(actor: Actor, labId: string, roundId: string): Promise<FundingExport> {
    const context = await this.reader.read(actor, labId, roundId);
    const teamOf = new Map(context.proposals.map((p) => [p.proposal.id, p.team.name]));
    const { blind, reviews } = await this.reviews.reviewsOfRound(labId, roundId);
    const decisions = await this.store.findDecisionsOfRound(roundId);
    const rounds = new Map<string, string>();
    const money = (minor: number | string | null) => (minor === null ? null : Number(minor) / 100);
    const criteria = [...new Set(reviews.flatMap((r) => Object.keys(r.criteria)))].sort();
    const result: FundingExport = {
      round: { id: roundId, name: context.round.name, currency: context.round.currency },
      anonymised: blind,
      proposals: context.proposals.map((p) => ({
        proposal_id: p.proposal.id,
        team: p.team.name,
        title: p.proposal.content.title,
        challenge_area: p.proposal.content.challengeArea,
        institution: p.institution,
        request: money(p.proposal.budgetTotalMinor),
        currency: context.round.currency,
        version: p.proposal.version,
        submitted_at: p.proposal.submittedAt.toISOString(),
        abstract: p.proposal.content.abstract,
      })),
      reviews: reviews.map((r) => ({
        proposal_id: r.proposalId,
        team: teamOf.get(r.proposalId) ?? null,
        reviewer: blind
          ? reviewerPseudonym({ scope: roundId, reviewerId: r.reviewerId })
          : r.reviewerName,
        score: r.score,
        confidence: r.confidence,
        ...Object.fromEntries(criteria.map((c) => [`criterion:${c}`, r.criteria[c] ?? null])),
        comment_to_team: r.commentToTeam,
        comment_to_panel: r.commentToPanel,
        submitted_at: r.submittedAt,
      })),
      scores: context.proposals.map((p) => ({
        proposal_id: p.proposal.id,
        team: p.team.name,
        score: p.merit?.score ?? null,
        low: p.merit?.low ?? null,
        high: p.merit?.high ?? null,
        rank: p.merit?.rank ?? null,
        reviews: p.merit?.reviews ?? 0,
        flags: (p.merit?.flags ?? ['unscored']).join(' '),
        pitch_score: p.pitchScore,
      })),
      decisions: [],
    };
    if (decisions.some((d) => d.invitedRoundId))
      for (const r of await this.reader.roundsOfLab(labId)) rounds.set(r.id, r.name);
    result.decisions = decisions
      .map((d) => ({
        proposal_id: d.proposalId,
        team: teamOf.get(d.proposalId) ?? null,
        outcome: d.outcome,
        amount: money(d.amountMinor),
        currency: context.round.currency,
        invited_to: d.invitedRoundId ? (rounds.get(d.invitedRoundId) ?? null) : null,
        rationale: d.rationale,
        version: d.version,
        decided_at: d.updatedAt.toISOString(),
      }))
      .sort((a, b) => String(a.team).localeCompare(String(b.team)));
    await this.audit.append({
      actorId: actor.userId,
      labId,
      action: 'funding.exported',
      entityType: 'funding_round',
      entityId: roundId,
      data: { anonymised: blind },
    });
    return result;
  }

  async csv(
    actor: Actor,
    labId: string,
    roundId: string,
    table: FundingExportTable,
  ): Promise<{ filename: string; csv: string }> {
    const all = await this.json(actor, labId, roundId);
    const slug = all.round.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    return { filename: `${slug || 'round'}-${table}.csv`, csv: rowsToCsv(all[table]) };
  }
}
