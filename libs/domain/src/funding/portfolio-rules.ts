/**
 * The organiser's funding rules, and how a funding decision is checked against them.
 *
 * A portfolio is a set of awards (proposal, amount) within the pool. Rules: a per-award cap; at
 * most n awards per institution; at least m awards per challenge area where possible (a soft
 * goal: reported, never a violation); must-fund and must-not-fund lists; partial awards allowed
 * or not — with partial awards, at least a minimum fraction of the request. Amounts are whole
 * units of the round's currency.
 *
 * Institutions compare as for conflicts of interest (trimmed, spaces collapsed, lower-cased).
 */
import { normaliseInstitution } from '../review-assignment/assign-reviewers.js';
import { compareText } from '../shared/compare-text.js';

export interface FundingCandidate {
  id: string;
  /** Higher is better, ≥ 0 (e.g. `RankedProposal.score`). A partial award earns merit pro rata. */
  merit: number;
  /** The amount requested: a whole number > 0. */
  request: number;
  /** Institutions an award counts against for `maxAwardsPerInstitution` (e.g. the lead's). */
  institutions?: readonly string[];
  /** Challenge areas the proposal addresses. */
  areas?: readonly string[];
}

export interface PortfolioRules {
  /** At most this many awards count against any one institution. */
  maxAwardsPerInstitution?: number;
  /** At least this many awards per challenge area, where possible. */
  minAwardsPerArea?: number;
  /** The round's challenge areas; default the areas the proposals name. */
  areas?: readonly string[];
  mustFund?: readonly string[];
  mustNotFund?: readonly string[];
  /** Allow awards below the request, down to `minFraction` of it (0 < minFraction ≤ 1). */
  partialAwards?: { minFraction: number };
}

export interface PortfolioLimits {
  proposals: readonly FundingCandidate[];
  /** The money to award: a whole number ≥ 0. */
  pool: number;
  /** The largest single award (a whole number > 0); none when omitted. */
  awardCap?: number;
  rules?: PortfolioRules;
}

export interface FundingAwardInput {
  proposalId: string;
  amount: number;
}

export type PortfolioRuleKind =
  | 'pool'
  | 'awardCap'
  | 'request'
  | 'partialAwards'
  | 'institution'
  | 'mustFund'
  | 'mustNotFund'
  | 'unknown'
  | 'duplicate';

/** A rule a portfolio breaks, and by how much (money for pool and caps, awards otherwise). */
export interface PortfolioViolation {
  rule: PortfolioRuleKind;
  /** The institution or proposal id; null for the pool. */
  group: string | null;
  limit: number;
  actual: number;
  by: number;
  message: string;
}

export interface AreaCoverage {
  area: string;
  awards: number;
  required: number;
  /** Eligible proposals (not must-not-fund, within the caps) addressing the area. */
  eligible: number;
  met: boolean;
}

export type IneligibleReason = 'must-not-fund' | 'over-cap' | 'over-pool';

/** Why a proposal cannot be funded under the rules, whatever else is chosen. */
export interface IneligibleProposal {
  proposalId: string;
  reason: IneligibleReason;
  message: string;
}

/** The input checked, and what each proposal may receive. */
export interface PortfolioPlan {
  /** Proposals by id. */
  proposals: FundingCandidate[];
  byId: Map<string, FundingCandidate>;
  pool: number;
  awardCap: number;
  rules: PortfolioRules;
  partial: boolean;
  /** Smallest and largest award per eligible proposal; absent when ineligible. */
  range: Map<string, { min: number; max: number }>;
  ineligible: IneligibleProposal[];
  institutionsOf: (proposal: FundingCandidate) => string[];
  areasOf: (proposal: FundingCandidate) => string[];
  /** The round's challenge areas, sorted. */
  areas: string[];
  minPerArea: number;
}

/** The smallest award a request may receive: all of it, or the minimum fraction (rounded up). */
export function smallestAward(rules: PortfolioRules, request: number): number {
  const minFraction = rules.partialAwards?.minFraction;
  return minFraction === undefined ? request : Math.ceil(request * minFraction - 1e-9);
}

/** How many of the proposals count against each institution, by institution name. */
export function institutionCounts(
  plan: PortfolioPlan,
  proposals: Iterable<FundingCandidate>,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const proposal of proposals)
    for (const institution of plan.institutionsOf(proposal))
      counts.set(institution, (counts.get(institution) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => compareText(a, b));
}

/** Validates the input (RangeError for input no organiser could mean) and indexes it. */
export function planPortfolio({
  proposals,
  pool,
  awardCap,
  rules = {},
}: PortfolioLimits): PortfolioPlan {
  requireWhole(pool, 'pool', 0);
  if (awardCap !== undefined) requireWhole(awardCap, 'awardCap', 1);
  if (rules.maxAwardsPerInstitution !== undefined)
    requireWhole(rules.maxAwardsPerInstitution, 'maxAwardsPerInstitution', 0);
  if (rules.minAwardsPerArea !== undefined)
    requireWhole(rules.minAwardsPerArea, 'minAwardsPerArea', 0);
  if (rules.partialAwards !== undefined) {
    const { minFraction } = rules.partialAwards;
    if (!(minFraction > 0 && minFraction <= 1)) {
      throw new RangeError(`partialAwards.minFraction must be in (0, 1], got ${minFraction}`);
    }
  }
  const seen = new Set<string>();
  for (const proposal of proposals) {
    if (seen.has(proposal.id)) throw new RangeError(`proposal ${proposal.id} is listed twice`);
    seen.add(proposal.id);
    if (!(Number.isFinite(proposal.merit) && proposal.merit >= 0)) {
      throw new RangeError(`proposal ${proposal.id} needs a finite merit ≥ 0`);
    }
    requireWhole(proposal.request, `request of ${proposal.id}`, 1);
  }
  const sorted = [...proposals].sort((a, b) => compareText(a.id, b.id));
  const cap = awardCap ?? Number.POSITIVE_INFINITY;
  const partial = rules.partialAwards !== undefined;
  const excluded = new Set(rules.mustNotFund ?? []);
  const range = new Map<string, { min: number; max: number }>();
  const ineligible: IneligibleProposal[] = [];
  for (const proposal of sorted) {
    const { id, request } = proposal;
    if (excluded.has(id)) {
      ineligible.push({
        proposalId: id,
        reason: 'must-not-fund',
        message: `${id} is on the must-not-fund list`,
      });
      continue;
    }
    const max = Math.min(request, cap);
    const min = smallestAward(rules, request);
    if (min > max) {
      ineligible.push({
        proposalId: id,
        reason: 'over-cap',
        message: partial
          ? `${id} requests ${request}: its smallest award (${min}) is above the per-award cap ${cap}`
          : `${id} requests ${request}, above the per-award cap ${cap} (partial awards are not allowed)`,
      });
      continue;
    }
    if (min > pool) {
      ineligible.push({
        proposalId: id,
        reason: 'over-pool',
        message: `${id} needs at least ${min}, more than the pool of ${pool}`,
      });
      continue;
    }
    range.set(id, { min, max: Math.min(max, pool) });
  }
  const institutionsOf = (proposal: FundingCandidate) =>
    [...new Set((proposal.institutions ?? []).map(normaliseInstitution))]
      .filter((name) => name !== '')
      .sort(compareText);
  const areasOf = (proposal: FundingCandidate) =>
    [...new Set(proposal.areas ?? [])].sort(compareText);
  const areas = [...new Set(rules.areas ?? sorted.flatMap((proposal) => areasOf(proposal)))].sort(
    compareText,
  );
  return {
    proposals: sorted,
    byId: new Map(sorted.map((proposal) => [proposal.id, proposal])),
    pool,
    awardCap: cap,
    rules,
    partial,
    range,
    ineligible,
    institutionsOf,
    areasOf,
    areas,
    minPerArea: rules.minAwardsPerArea ?? 0,
  };
}

/**
 * Every rule a set of awards breaks (empty: the portfolio is valid), and how the challenge
 * areas are covered. For checking a hand-adjusted funding decision; pure and synchronous.
 */
export function checkFundingPortfolio({
  awards,
  ...limits
}: PortfolioLimits & { awards: readonly FundingAwardInput[] }): {
  valid: boolean;
  violations: PortfolioViolation[];
  areas: AreaCoverage[];
  totalAwarded: number;
  moneyLeft: number;
} {
  const plan = planPortfolio(limits);
  const violations: PortfolioViolation[] = [];
  const funded = new Map<string, number>();
  for (const award of [...awards].sort((a, b) => compareText(a.proposalId, b.proposalId))) {
    const proposal = plan.byId.get(award.proposalId);
    if (proposal === undefined) {
      violations.push(
        violation(
          'unknown',
          award.proposalId,
          0,
          1,
          `${award.proposalId} is not a proposal of this round`,
        ),
      );
      continue;
    }
    if (funded.has(award.proposalId)) {
      violations.push(
        violation('duplicate', award.proposalId, 1, 2, `${award.proposalId} is awarded twice`),
      );
      continue;
    }
    funded.set(award.proposalId, award.amount);
    violations.push(...awardViolations(plan, proposal, award.amount));
  }
  violations.push(...portfolioViolations(plan, funded));
  const totalAwarded = [...funded.values()].reduce((sum, amount) => sum + amount, 0);
  return {
    valid: violations.length === 0,
    violations,
    areas: areaCoverage(plan, new Set(funded.keys())),
    totalAwarded,
    moneyLeft: plan.pool - totalAwarded,
  };
}

function awardViolations(
  plan: PortfolioPlan,
  proposal: FundingCandidate,
  amount: number,
): PortfolioViolation[] {
  const found: PortfolioViolation[] = [];
  const { id, request } = proposal;
  if (!Number.isInteger(amount) || amount <= 0) {
    found.push(
      violation(
        'request',
        id,
        request,
        amount,
        `${id}: the award must be a whole amount > 0, got ${amount}`,
      ),
    );
    return found;
  }
  if (amount > request) {
    found.push(
      violation(
        'request',
        id,
        request,
        amount,
        `${id} is awarded ${amount}, more than its request of ${request}`,
      ),
    );
  }
  if (amount > plan.awardCap) {
    found.push(
      violation(
        'awardCap',
        id,
        plan.awardCap,
        amount,
        `${id} is awarded ${amount}, above the per-award cap ${plan.awardCap}`,
      ),
    );
  }
  if (amount < request) {
    const minFraction = plan.rules.partialAwards?.minFraction;
    if (minFraction === undefined) {
      found.push(
        violation(
          'partialAwards',
          id,
          request,
          amount,
          `${id} is awarded ${amount} of its ${request}: partial awards are not allowed`,
        ),
      );
    } else if (amount < smallestAward(plan.rules, request)) {
      const min = smallestAward(plan.rules, request);
      found.push(
        violation(
          'partialAwards',
          id,
          min,
          amount,
          `${id} is awarded ${amount}, below ${Math.round(minFraction * 100)} % of its request (${min})`,
        ),
      );
    }
  }
  return found;
}

/** Pool, institution and must-fund / must-not-fund violations of a funded set. */
export function portfolioViolations(
  plan: PortfolioPlan,
  funded: ReadonlyMap<string, number>,
): PortfolioViolation[] {
  const found: PortfolioViolation[] = [];
  const total = [...funded.values()].reduce((sum, amount) => sum + amount, 0);
  if (total > plan.pool) {
    found.push(
      violation(
        'pool',
        null,
        plan.pool,
        total,
        `awards add up to ${total}, above the pool of ${plan.pool} (by ${total - plan.pool})`,
      ),
    );
  }
  const max = plan.rules.maxAwardsPerInstitution;
  if (max !== undefined) {
    const fundedProposals = [...funded.keys()].flatMap((id) => plan.byId.get(id) ?? []);
    for (const [institution, count] of institutionCounts(plan, fundedProposals)) {
      if (count > max) {
        found.push(
          violation(
            'institution',
            institution,
            max,
            count,
            `institution ${institution} has ${count} awards, above the maximum of ${max}`,
          ),
        );
      }
    }
  }
  for (const id of [...new Set(plan.rules.mustFund ?? [])].sort(compareText)) {
    if (!funded.has(id))
      found.push(violation('mustFund', id, 1, 0, `must-fund proposal ${id} is not funded`));
  }
  for (const id of [...new Set(plan.rules.mustNotFund ?? [])].sort(compareText)) {
    if (funded.has(id))
      found.push(violation('mustNotFund', id, 0, 1, `must-not-fund proposal ${id} is funded`));
  }
  return found;
}

export function areaCoverage(plan: PortfolioPlan, fundedIds: ReadonlySet<string>): AreaCoverage[] {
  return plan.areas.map((area) => {
    let awards = 0;
    let eligible = 0;
    for (const proposal of plan.proposals) {
      if (!plan.areasOf(proposal).includes(area)) continue;
      if (plan.range.has(proposal.id)) eligible++;
      if (fundedIds.has(proposal.id)) awards++;
    }
    return { area, awards, required: plan.minPerArea, eligible, met: awards >= plan.minPerArea };
  });
}

function violation(
  rule: PortfolioRuleKind,
  group: string | null,
  limit: number,
  actual: number,
  message: string,
): PortfolioViolation {
  return { rule, group, limit, actual, by: Math.abs(actual - limit), message };
}

function requireWhole(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
  }
}
