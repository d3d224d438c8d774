/**
 * Shapes of team formation (issue 10, "Ideas and teams"): plain, structured-cloneable data in and
 * out, so a formation can run in a worker and be stored with its inputs, seed and result.
 */
import type { MilpSolveOptions } from '../shared/highs-solver.js';
import type { Seed } from '../shared/seeded-random.js';

/** Interest in an idea, as participants rate it: 0 none, 1 some, 2 keen, 3 very keen. */
export type IdeaInterest = 0 | 1 | 2 | 3;

export const MAX_IDEA_INTEREST = 3;

/** Someone to place in a team. */
export interface TeamFormationParticipant {
  id: string;
  /** Primary discipline (one of the lab's expertise areas). */
  discipline: string;
  careerStage: string;
  /** Skills they bring ("statistics", "clinical trials" …), as they state them. */
  skills?: readonly string[];
  /** Interest per shortlisted idea id, 0–3; an idea left unrated counts as 0. */
  interests?: Readonly<Record<string, number>>;
  /** People they want to work with (participant ids). */
  wants?: readonly string[];
  /** People they would rather not work with (participant ids); never shown to anyone else. */
  avoids?: readonly string[];
}

/** An idea on the shortlist: each may become one team. */
export interface ShortlistedIdea {
  id: string;
}

/** What the organiser keeps: the idea becomes a team, with these members on it. */
export interface TeamLock {
  ideaId: string;
  memberIds: readonly string[];
  /** The team is complete as it is: nobody else joins it. */
  closed?: boolean;
}

/** A group of participants named by one of their attributes. */
export interface TeamGroup {
  category: 'discipline' | 'careerStage' | 'skill';
  value: string;
}

/** Inclusive bounds. */
export interface CountRange {
  min: number;
  max: number;
}

/**
 * The organiser's rules; each one is switched off when absent (or null / false / empty).
 * Only the number of teams is always given.
 */
export interface TeamRules {
  /** How many ideas become teams. */
  teamCount: CountRange;
  /** Members per team. Without it a team has at least one member and no upper bound. */
  teamSize?: CountRange | null;
  /** At least this many distinct (primary) disciplines in every team. */
  minDisciplines?: number | null;
  /** No team is made entirely of one career stage. */
  mixedCareerStages?: boolean;
  /**
   * Groups whose members are never the only one of their group in a team (gruepr's "isolated"
   * rule: not the only clinician, not the only early-career researcher).
   */
  notIsolated?: readonly TeamGroup[];
  /**
   * Groups of which every team has at least one member, as far as the cohort allows: with fewer
   * such people than teams, no team has two of them while another has none.
   */
  inEveryTeam?: readonly TeamGroup[];
  /** People who would rather not work together are on different teams. */
  separateAvoidedPairs?: boolean;
  /** Pairs where one wants to work with the other are rewarded when placed together. */
  rewardWantedPairs?: boolean;
}

/** How the objective weighs its parts. */
export interface TeamObjectiveWeights {
  /** Per point of interest of each member in their team's idea. Default 1. */
  interest?: number;
  /** Per "want to work with" request honoured (a mutual pair counts twice). Default 1. */
  wantedPair?: number;
  /**
   * Per point of interest of the least-satisfied participant placed by the optimiser (CATME's
   * max–min idea). Default: the number of participants the optimiser places, so lifting the
   * least-satisfied person by one point counts as much as one point for everyone.
   */
  fairness?: number;
}

/**
 * People's names and ideas' titles by id, so that what organisers read names people and teams
 * ("Ada Lovelace is the only member of …on team "Tumour twin"") rather than ids.
 */
export interface TeamFormationNames {
  people?: Readonly<Record<string, string>>;
  ideas?: Readonly<Record<string, string>>;
}

export interface TeamFormationInput {
  participants: readonly TeamFormationParticipant[];
  ideas: readonly ShortlistedIdea[];
  rules: TeamRules;
  /** Mentors are honest brokers, never members: any listed among the participants is left out. */
  mentorIds?: readonly string[];
  locks?: readonly TeamLock[];
  weights?: TeamObjectiveWeights;
  /** Seeds the solver's tie-breaking and the baseline's order; stored with the run. */
  seed?: Seed;
  /**
   * Relative gap at which the search may stop, and a time limit (seconds) on the solver's own
   * clock. Default: gap 1e-6, 30 s.
   */
  solver?: MilpSolveOptions;
  /** Names for the words organisers read (conflicts, relaxations, warnings); ids stand in without. */
  names?: TeamFormationNames;
  /**
   * Wall-clock cap on the whole call, read from `clock` (e.g. `performance.now`; the solver pool
   * injects it): models, climbs and solves all count. With both, the smaller limit holds.
   */
  timeLimit?: { ms: number; clock: () => number };
}

/** Numbers per value, for a chart (ordered by value). */
export type TeamCounts = Record<string, number>;

/** What a team is made of, for the organiser's chart; never shown to participants. */
export interface TeamComposition {
  size: number;
  disciplines: TeamCounts;
  distinctDisciplines: number;
  careerStages: TeamCounts;
  skills: TeamCounts;
  /** Members by their interest in the team's idea: index 0–3. */
  interestCounts: [number, number, number, number];
  /** Mean interest of the members in the team's idea. */
  meanInterest: number;
}

/** A team as it stands: an idea and its members. */
export interface TeamAssignment {
  ideaId: string;
  memberIds: readonly string[];
}

export interface FormedTeam {
  ideaId: string;
  /** Ordered by id. */
  memberIds: string[];
  /** Members the organiser locked on this team. */
  lockedMemberIds: string[];
  /** The organiser locked this idea as a team. */
  locked: boolean;
  composition: TeamComposition;
}

export interface TeamFormationScore {
  /** The objective: weighted interest + weighted wanted pairs + weighted least satisfaction. */
  objective: number;
  /** Σ of every member's interest in their team's idea. */
  interest: number;
  /** "Want to work with" requests honoured: together, on an idea both rated at least 1. */
  wantedPairsHonoured: number;
  /** The lowest interest of anyone placed by the optimiser (locked members aside); null if none. */
  minSatisfaction: number | null;
}

export type TeamRuleName =
  | 'assignment'
  | 'mentors'
  | 'locks'
  | 'teamCount'
  | 'teamSize'
  | 'minDisciplines'
  | 'mixedCareerStages'
  | 'notIsolated'
  | 'inEveryTeam'
  | 'separateAvoidedPairs';

/** A rule that some teams break: for the organiser (names the people concerned). */
export interface TeamRuleViolation {
  rule: TeamRuleName;
  /** The team concerned; null for rules about the whole formation. */
  ideaId: string | null;
  /** The group, for notIsolated and inEveryTeam. */
  group: TeamGroup | null;
  /** The people concerned (the lone member, the pair, the unplaced …), ordered by id. */
  participantIds: string[];
  bound: 'min' | 'max' | null;
  limit: number | null;
  actual: number | null;
  message: string;
}

export type TeamRuleConflictKind =
  | 'no-ideas'
  | 'team-count-min-above-max'
  | 'too-few-ideas'
  | 'too-many-locked-teams'
  | 'team-size-min-above-max'
  | 'too-few-participants'
  | 'too-many-participants'
  | 'too-few-disciplines'
  | 'disciplines-above-team-size'
  | 'one-career-stage'
  | 'lone-group-member'
  | 'locked-team-too-large'
  | 'closed-team-breaks-rule'
  | 'locked-pair-avoids';

/** A reason, visible without solving, why the rules cannot all hold. */
export interface TeamRuleConflict {
  kind: TeamRuleConflictKind;
  rule: TeamRuleName;
  ideaId: string | null;
  group: TeamGroup | null;
  participantIds: string[];
  message: string;
}

/** One change to the rules that, with the others listed, lets teams be formed. */
export interface TeamRuleRelaxation {
  rule: TeamRuleName;
  group: TeamGroup | null;
  /**
   * raise-max / lower-min: change a bound from `from` to `to`; allow-exceptions: let the rule
   * give for the teams or people listed; release-locks: unlock the people listed.
   */
  change: 'raise-max' | 'lower-min' | 'allow-exceptions' | 'release-locks';
  from: number | null;
  to: number | null;
  ideaIds: string[];
  participantIds: string[];
  message: string;
}

export interface TeamFormationInfeasibility {
  /** Reasons visible without solving (may be empty when rules only clash in combination). */
  conflicts: TeamRuleConflict[];
  /** The smallest change to the rules found by the elastic model, rule by rule. */
  relaxation: TeamRuleRelaxation[];
  /** The teams under that relaxation (a starting point, not a valid formation). */
  relaxedTeams: TeamAssignment[];
  /** One sentence per conflict and relaxation, for the organiser. */
  messages: string[];
}

export type PlacementReason =
  /** The organiser locked them on this team. */
  | { code: 'LOCKED' }
  /** This idea is among those they rated highest of the ideas that became teams. */
  | { code: 'TOP_CHOICE'; interest: number }
  /** They rated this idea `interest`; their highest rating of an idea that became a team was `best`. */
  | { code: 'INTEREST'; interest: number; best: number }
  /** Teammates who asked to work with them. */
  | { code: 'ASKED_FOR_BY'; participantIds: string[] }
  /** Teammates they asked to work with. */
  | { code: 'WITH_REQUESTED'; participantIds: string[] }
  /** A team they rated higher could not take them without breaking these rules. */
  | { code: 'RULES'; rules: PlacementRule[] }
  /** A team they rated higher could take them, but the formation as a whole fares better this way. */
  | { code: 'OVERALL_BALANCE' };

/** Rules named to a participant; the "rather not" of others is never among them. */
export type PlacementRule =
  | 'teamCount'
  | 'teamSize'
  | 'minDisciplines'
  | 'mixedCareerStages'
  | 'notIsolated'
  | 'inEveryTeam'
  | 'ownAvoidedPairs'
  | 'closedTeam';

/**
 * Why someone is on their team, as facts a screen puts in words. Participant-facing: it holds
 * no diversity figure and never reveals who would rather not work with whom.
 */
export interface PlacementExplanation {
  participantId: string;
  ideaId: string;
  interest: number;
  reasons: PlacementReason[];
}

export type TeamFormationWarningCode =
  | 'MENTOR_LEFT_OUT'
  | 'UNKNOWN_PERSON_NAMED'
  | 'MENTOR_NAMED'
  | 'SELF_NAMED'
  | 'WANTED_AND_AVOIDED'
  | 'BASELINE_KEPT'
  | 'TIME_LIMIT';

export interface TeamFormationWarning {
  code: TeamFormationWarningCode;
  participantIds: string[];
  message: string;
}

/** One solve of the run, for the run record: a satisfaction level and what came of it. */
export interface TeamFormationSolve {
  /** Everyone placed by the optimiser on an idea they rated at least this. */
  level: number;
  solverStatus: string;
  /** The level's objective (its solution's, as the solver counts it); null without one. */
  objective: number | null;
  /** Upper bound on the objective at this level; null when the level has no teams. */
  bound: number | null;
  seconds: number;
}

export type TeamFormationStatus = 'optimal' | 'feasible' | 'infeasible' | 'no-solution';

export interface TeamFormationResult {
  /** optimal: proved (within the gap asked for); feasible: a limit stopped the solver with valid teams. */
  status: TeamFormationStatus;
  /** HiGHS' model status, for the run record. */
  solverStatus: string;
  optimal: boolean;
  /** Relative MIP gap of the solve; null without a solution. */
  gap: number | null;
  /** The formation's objective (see `score`); null without teams. */
  objective: number | null;
  score: TeamFormationScore | null;
  /** Ordered by idea id; empty when infeasible. */
  teams: FormedTeam[];
  /** One per placed participant, ordered by id. */
  explanations: PlacementExplanation[];
  /** Participants not placed (everyone, when no teams could be formed), ordered by id. */
  unassignedIds: string[];
  /** Mentors found among the participants and left out, ordered by id. */
  excludedMentorIds: string[];
  infeasibility: TeamFormationInfeasibility | null;
  /** The greedy-plus-local-search baseline's score on the same data (null when it broke a rule). */
  baseline: { objective: number; violations: number } | null;
  /** Where the teams come from: the solver, or the baseline when the solver did no better. */
  source: 'solver' | 'baseline' | null;
  /** The solves behind the result, in order (see formTeams on satisfaction levels). */
  solves: TeamFormationSolve[];
  warnings: TeamFormationWarning[];
  /** The weights used, defaults filled in. */
  weights: Required<TeamObjectiveWeights>;
  seed: Seed;
}

/** A hand edit on the organiser's board. */
export type TeamEdit =
  | { kind: 'move'; participantId: string; toIdeaId: string }
  | { kind: 'swap'; participantIds: readonly [string, string] };

export interface TeamMoveCheck {
  /** The teams after the edit (a team left empty disappears; a new idea becomes a team). */
  teams: TeamAssignment[];
  /** Rules the edit breaks that held before (warnings, not blocks). */
  warnings: TeamRuleViolation[];
  /** Rules broken before the edit that it mends. */
  resolved: TeamRuleViolation[];
  scoreBefore: TeamFormationScore;
  scoreAfter: TeamFormationScore;
}
