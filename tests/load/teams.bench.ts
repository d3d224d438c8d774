/**
 * Team formation benchmark: `npm run bench:teams`.
 *
 * Synthetic labs drawn from a fixed seed: participants over the demo lab's eight expertise
 * areas and four career stages, one to three skills each, interest ratings (0–3) concentrated
 * on a few ideas per person with some ideas more popular than others, a share naming people they
 * want to work with (mostly people who like the same ideas) and a few naming someone they would
 * rather not. Every rule is on: team sizes, d = 3 disciplines, mixed career stages, no lone
 * clinician, a statistician in every team as far as there are enough, "rather not" pairs apart,
 * wanted pairs rewarded, and two teams locked by the organiser.
 *
 * For each case the greedy-plus-local-search baseline (formTeamsBaseline, the kind of method
 * classroom tools use) runs on the same data; `heuristicObjective` is its objective and
 * `objective` the optimiser's, which must be at least as good. `ms` is the whole formTeams call
 * (checks, baseline, model building, solving, explanations), one run per case; loading the HiGHS
 * WebAssembly runtime is timed once, separately, as the warm-up.
 */
import {
  createSeededRandom,
  findTeamRuleViolations,
  formTeams,
  formTeamsBaseline,
  loadHighs,
} from '@ideas-lab/domain';
import type {
  ShortlistedIdea,
  TeamFormationInput,
  TeamFormationParticipant,
  TeamLock,
  TeamRules,
} from '@ideas-lab/domain';

import {
  CAREER_STAGES,
  CAREER_STAGE_WEIGHTS,
  EXPERTISE_AREAS as DISCIPLINES,
  EXPERTISE_AREA_WEIGHTS as DISCIPLINE_WEIGHTS,
  pickWeighted,
  printBenchResults,
} from './support/bench-lab.js';
import { loadavg, uptime } from 'node:os';

const SKILLS = [
  'statistics',
  'machine learning',
  'clinical trials',
  'imaging',
  'software engineering',
  'wet lab',
  'patient engagement',
  'mechanistic modelling',
];
const SKILL_WEIGHTS = [1.2, 2, 1, 1, 2, 1, 0.6, 1.2];

interface Case {
  name: string;
  participants: number;
  ideas: number;
  ratedPerPerson: number;
  rules: TeamRules;
  timeLimitSeconds: number;
  mipRelGap: number;
}

function syntheticLab({
  spec,
  seed,
}: {
  spec: Case;
  seed: number;
}): Pick<TeamFormationInput, 'participants' | 'ideas' | 'locks' | 'mentorIds'> {
  const random = createSeededRandom({ seed });
  const pick = <T>(values: readonly T[], weights: readonly number[]) =>
    pickWeighted(random, values, weights);
  const ideas: ShortlistedIdea[] = Array.from({ length: spec.ideas }, (_, i) => ({
    id: `idea-${String(i + 1).padStart(3, '0')}`,
  }));
  // Some ideas draw more interest than others; each idea leans towards two disciplines.
  const appeal = ideas.map(() => 0.3 + random() * random() * 3);
  const leaning = ideas.map(() => [
    Math.floor(random() * DISCIPLINES.length),
    Math.floor(random() * DISCIPLINES.length),
  ]);
  const people = Array.from({ length: spec.participants }, (_, p) => {
    const discipline = pick(DISCIPLINES, DISCIPLINE_WEIGHTS);
    const d = DISCIPLINES.indexOf(discipline);
    const skills = new Set<string>();
    const skillCount = 1 + Math.floor(random() * 3);
    while (skills.size < skillCount) skills.add(pick(SKILLS, SKILL_WEIGHTS));
    const weights = ideas.map((_, i) => appeal[i] * (leaning[i].includes(d) ? 3 : 1));
    const interests: Record<string, number> = {};
    const rated = Math.min(spec.ratedPerPerson, ideas.length);
    for (let k = 0; k < rated * 3 && Object.keys(interests).length < rated; k++) {
      const idea = pick(ideas, weights);
      if (interests[idea.id] !== undefined) continue;
      const u = random();
      interests[idea.id] = u < 0.3 ? 1 : u < 0.7 ? 2 : 3;
    }
    return {
      id: `p-${String(p + 1).padStart(4, '0')}`,
      discipline,
      careerStage: pick(CAREER_STAGES, CAREER_STAGE_WEIGHTS),
      skills: [...skills],
      interests,
    };
  });
  // Wanted: 40 % name one or two people, usually someone keen on one of their ideas.
  const participants: TeamFormationParticipant[] = people.map((person) => {
    const wants: string[] = [];
    const avoids: string[] = [];
    if (random() < 0.4) {
      const count = 1 + Math.floor(random() * 2);
      const liked = Object.keys(person.interests).filter((id) => person.interests[id] >= 2);
      for (let k = 0; k < count; k++) {
        const fans = people.filter(
          (other) =>
            other.id !== person.id &&
            liked.some((id) => (other.interests as Record<string, number>)[id] >= 2),
        );
        const pool = fans.length > 0 && random() < 0.8 ? fans : people;
        const other = pool[Math.floor(random() * pool.length)];
        if (other.id !== person.id && !wants.includes(other.id)) wants.push(other.id);
      }
    }
    if (random() < 0.1) {
      const other = people[Math.floor(random() * people.length)];
      if (other.id !== person.id && !wants.includes(other.id)) avoids.push(other.id);
    }
    return { ...person, wants, avoids };
  });
  // The organiser locked two teams with a pair each (people keen on that idea, apart from
  // anyone they avoid) and named a mentor who also filled in a profile.
  const locks: TeamLock[] = [];
  const lockedIds = new Set<string>();
  for (const idea of ideas.slice(0, 2)) {
    const keen = participants
      .filter((person) => (person.interests?.[idea.id] ?? 0) >= 2 && !lockedIds.has(person.id))
      .slice(0, 2);
    if (
      keen.length === 2 &&
      !(keen[0].avoids ?? []).includes(keen[1].id) &&
      !(keen[1].avoids ?? []).includes(keen[0].id)
    ) {
      keen.forEach((person) => lockedIds.add(person.id));
      locks.push({ ideaId: idea.id, memberIds: keen.map((person) => person.id) });
    }
  }
  const mentor: TeamFormationParticipant = {
    id: 'mentor-01',
    discipline: 'cancer research',
    careerStage: 'senior',
    interests: { [ideas[0].id]: 3 },
  };
  return { participants: [...participants, mentor], ideas, locks, mentorIds: [mentor.id] };
}

const rulesFor = ({
  teamCount,
  teamSize,
}: Pick<TeamRules, 'teamCount' | 'teamSize'>): TeamRules => ({
  teamCount,
  teamSize,
  minDisciplines: 3,
  mixedCareerStages: true,
  notIsolated: [{ category: 'discipline', value: 'clinical practice' }],
  inEveryTeam: [{ category: 'skill', value: 'statistics' }],
  separateAvoidedPairs: true,
  rewardWantedPairs: true,
});

const CASES: Case[] = [
  {
    name: '30x10',
    participants: 30,
    ideas: 10,
    ratedPerPerson: 10,
    rules: rulesFor({ teamCount: { min: 5, max: 7 }, teamSize: { min: 4, max: 6 } }),
    timeLimitSeconds: 1,
    mipRelGap: 1e-6,
  },
  {
    name: '300x40',
    participants: 300,
    ideas: 40,
    ratedPerPerson: 12,
    rules: rulesFor({ teamCount: { min: 30, max: 40 }, teamSize: { min: 6, max: 10 } }),
    timeLimitSeconds: 8,
    mipRelGap: 0.005,
  },
  {
    name: '1000x150',
    participants: 1000,
    ideas: 150,
    ratedPerPerson: 15,
    rules: rulesFor({ teamCount: { min: 100, max: 150 }, teamSize: { min: 6, max: 10 } }),
    timeLimitSeconds: 24,
    mipRelGap: 0.01,
  },
];

interface BenchLine {
  bench: 'teams';
  case: string;
  ms: number;
  optimal: boolean;
  gap: number | null;
  minSatisfaction: number | null;
  heuristicObjective: number | null;
  objective: number | null;
  [extra: string]: unknown;
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const warmStart = performance.now();
  await loadHighs();
  const warmUpMs = Math.round(performance.now() - warmStart);
  const lines: BenchLine[] = [];
  const rows: string[][] = [];
  for (const spec of CASES.filter((c) => only === undefined || c.name === only)) {
    const lab = syntheticLab({ spec, seed: 2020 });
    const input: TeamFormationInput = {
      ...lab,
      rules: spec.rules,
      seed: 1,
      solver: { timeLimitSeconds: spec.timeLimitSeconds, mipRelGap: spec.mipRelGap },
    };
    const baselineStart = performance.now();
    const baseline = formTeamsBaseline(input);
    const baselineMs = Math.round(performance.now() - baselineStart);
    const start = performance.now();
    const result = await formTeams(input);
    const ms = Math.round(performance.now() - start);
    const violations = findTeamRuleViolations({ ...input, teams: result.teams });
    const heuristicObjective = baseline.violations.length === 0 ? baseline.score.objective : null;
    lines.push({
      bench: 'teams',
      case: spec.name,
      ms,
      optimal: result.optimal,
      gap: result.gap,
      minSatisfaction: result.score?.minSatisfaction ?? null,
      heuristicObjective,
      objective: result.objective,
      heuristicViolations: baseline.violations.length,
      heuristicMs: baselineMs,
      teams: result.teams.length,
      source: result.source,
      violations: violations.length,
    });
    rows.push([
      spec.name,
      String(ms),
      result.status,
      String(result.optimal),
      result.gap === null ? '-' : `${(result.gap * 100).toFixed(3)} %`,
      String(result.objective ?? '-'),
      `${baseline.score.objective} (${baseline.violations.length} broken rules, ${baselineMs} ms)`,
      `${result.teams.length} teams, min satisfaction ${result.score?.minSatisfaction ?? '-'}, interest ${result.score?.interest ?? '-'}, wanted pairs ${result.score?.wantedPairsHonoured ?? '-'}, rules broken ${violations.length}, from ${result.source}`,
    ]);
  }
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
  printBenchResults({
    preface: `HiGHS warm-up (WebAssembly load): ${warmUpMs} ms; load average ${load} (up ${Math.round(uptime() / 60)} min); ms = one formTeams call`,
    header: ['case', 'ms', 'status', 'optimal', 'gap', 'objective', 'baseline', 'notes'],
    rows,
    lines,
  });
}

await main();
