/**
 * The objective of a formation, computed from the teams alone: the one definition the integer
 * program encodes, the baseline climbs, the brute-force tests enumerate and the board shows.
 *
 *   objective = w_interest · Σ members' interest in their team's idea
 *             + w_wanted   · "want to work with" requests honoured   (rule switched on)
 *             + w_fairness · least interest of anyone the optimiser places
 *
 * A request is honoured when both are on the same team and both rated its idea at least 1:
 * a friend is a reason to join an idea one cares about, not one to join any idea.
 */
import type { FormationData } from './team-formation-data.js';
import type { TeamFormationScore } from './team-formation.types.js';

export function interestOf(data: FormationData, p: number, i: number): number {
  return data.interest[p * data.ideaIds.length + i];
}

/** Whether a wanted pair on idea i counts: both rated it at least 1. */
export function wantedPairCounts(data: FormationData, a: number, b: number, i: number): boolean {
  return interestOf(data, a, i) >= 1 && interestOf(data, b, i) >= 1;
}

export function scoreAssignment({
  data,
  assignment,
}: {
  data: FormationData;
  assignment: Int32Array;
}): TeamFormationScore {
  let interest = 0;
  let minSatisfaction: number | null = null;
  assignment.forEach((i, p) => {
    const value = i >= 0 ? interestOf(data, p, i) : 0;
    interest += value;
    if (data.lockedIdea[p] === -1) {
      minSatisfaction = minSatisfaction === null ? value : Math.min(minSatisfaction, value);
    }
  });
  let wantedPairsHonoured = 0;
  for (const pair of data.wanted) {
    const i = assignment[pair.a];
    if (i >= 0 && i === assignment[pair.b] && wantedPairCounts(data, pair.a, pair.b, i)) {
      wantedPairsHonoured += pair.requests;
    }
  }
  const { weights, rules } = data;
  const objective =
    weights.interest * interest +
    (rules.rewardWantedPairs ? weights.wantedPair * wantedPairsHonoured : 0) +
    weights.fairness * (minSatisfaction ?? 0);
  return { objective, interest, wantedPairsHonoured, minSatisfaction };
}
