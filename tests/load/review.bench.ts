/**
 * Proposal review and funding benchmark: `npm run bench:review`.
 *
 * Synthetic funding rounds drawn from fixed seeds, shaped like the model Ideas Lab: proposals
 * spanning one to three of its eight expertise areas, teams of three to five from a pool of
 * institutions, mentors with one or two areas of expertise. Conflicts come from
 * `proposalConflictMatrix` (shared institutions with any team member, a few declared ones).
 * Cases (BENCH_CASES=name,name … picks some; default all):
 * - "assign-6x6x3": 6 proposals × 6 mentors × 3 reviews, loads 2–4, clinical and
 *   computational coverage, affinity and fairness: goal optimal, under 0.5 s;
 * - "assign-2000x300x3": the same rules at 2,000 × 300: goal optimal or gap ≤ 0.5 %, under 20 s;
 * - "rank-2000": weighted rubric scores, per-reviewer normalisation and bootstrap intervals
 *   (2,000 resamples) for 2,000 proposals, flags at the funding line;
 * - "portfolio-2000": 2,000 proposals under a pool, a per-award cap, at most 3 awards per
 *   institution, at least one per challenge area, must-fund / must-not-fund: goal optimal,
 *   under 5 s (the "what would the next proposal need" analysis included);
 * - "proposal-saves": the built API on a scratch database (started here, stopped after), six
 *   members of one team saving the same proposal concurrently for 10 s, each based on the last
 *   version it saw: saves/s, p99 ms, and lost updates (goal 0: every accepted save is a stored
 *   version with its author's text, every refused one got PROPOSAL_VERSION_CONFLICT).
 * Prints a table, then one JSON object per case on its own line. `ms` is the median wall time
 * of the runs (three, or one for the slow case) and `cpuMs` the process CPU time of that run:
 * on a machine shared with other work the two differ, and the load average is printed.
 */
import { loadavg } from 'node:os';

import {
  aggregateScores,
  assignReviewers,
  checkFundingPortfolio,
  checkReviewerAssignment,
  createSeededRandom,
  loadHighs,
  optimiseFundingPortfolio,
  proposalConflictMatrix,
  rankProposals,
} from '@ideas-lab/domain';

import {
  EXPERTISE_AREAS,
  EXPERTISE_AREA_WEIGHTS,
  pickWeighted,
  printBenchResults,
} from './support/bench-lab.js';
import type {
  ApplicationReview,
  ExpertiseRequirement,
  FundingCandidate,
  ProposalReviewer,
  ProposalTeam,
  Rubric,
} from '@ideas-lab/domain';

const AREAS = EXPERTISE_AREAS;
const COVERAGE: ExpertiseRequirement[] = [
  { id: 'clinical', expertise: ['clinical practice', 'cancer research', 'healthcare delivery'] },
  {
    id: 'computational',
    expertise: ['AI', 'computational and data science', 'mathematical modelling', 'bioinformatics'],
  },
];
const RUBRIC: Rubric = {
  criteria: [
    { id: 'significance', weight: 3, scale: { min: 1, max: 9 } },
    { id: 'approach', weight: 3, scale: { min: 1, max: 9 } },
    { id: 'team', weight: 2, scale: { min: 1, max: 9 } },
    { id: 'feasibility', weight: 2, scale: { min: 1, max: 9 } },
  ],
};

interface SyntheticRound {
  proposals: (ProposalTeam & { disciplines: string[] })[];
  mentors: (ProposalReviewer & { expertise: string[] })[];
  institutions: string[];
}

function syntheticRound({
  proposalCount,
  mentorCount,
  institutionCount,
  seed,
}: {
  proposalCount: number;
  mentorCount: number;
  institutionCount: number;
  seed: number;
}): SyntheticRound {
  const random = createSeededRandom({ seed });
  const area = () => pickWeighted(random, AREAS, EXPERTISE_AREA_WEIGHTS);
  const institutions = Array.from(
    { length: institutionCount },
    (_, i) => `Institution ${String(i + 1).padStart(4, '0')}`,
  );
  const institution = () => institutions[Math.floor(random() * institutions.length)];
  const proposals = Array.from({ length: proposalCount }, (_, i) => {
    const size = 3 + Math.floor(random() * 3);
    return {
      proposalId: `proposal-${String(i + 1).padStart(5, '0')}`,
      members: Array.from({ length: size }, (__, j) => ({
        personId: `participant-${i + 1}-${j + 1}`,
        institution: institution(),
      })),
      disciplines: [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, area))],
    };
  });
  const mentors = Array.from({ length: mentorCount }, (_, i) => ({
    id: `mentor-${String(i + 1).padStart(3, '0')}`,
    institution: institution(),
    expertise: [...new Set([area(), area()])],
    declared: [] as { proposalId: string }[],
  }));
  // A few declared conflicts with a proposal.
  for (let i = 0; i < Math.ceil(proposalCount / 10); i++) {
    mentors[Math.floor(random() * mentorCount)].declared.push({
      proposalId: proposals[Math.floor(random() * proposalCount)].proposalId,
    });
  }
  return { proposals, mentors, institutions };
}

async function assignCase({
  proposalCount,
  mentorCount,
  institutionCount,
  mipRelGap,
}: {
  proposalCount: number;
  mentorCount: number;
  institutionCount: number;
  mipRelGap: number;
}) {
  const round = syntheticRound({ proposalCount, mentorCount, institutionCount, seed: 2020 });
  const k = 3;
  const mean = (proposalCount * k) / mentorCount;
  const input = () => {
    const conflicts = proposalConflictMatrix({
      proposals: round.proposals,
      reviewers: round.mentors,
    }).map((c) => ({ reviewerId: c.reviewerId, applicationId: c.proposalId }));
    return {
      applications: round.proposals.map((p) => ({ id: p.proposalId, disciplines: p.disciplines })),
      reviewers: round.mentors.map((m) => ({ id: m.id, expertise: m.expertise })),
      reviewsPerApplication: k,
      load: { min: Math.max(0, Math.floor(mean) - 2), max: Math.ceil(mean) + 2 },
      conflicts,
      coverage: COVERAGE,
      subject: 'proposal' as const,
      solver: { mipRelGap, timeLimitSeconds: 60 },
    };
  };
  return { round, input };
}

interface BenchLine {
  bench: 'review';
  case: string;
  ms: number;
  cpuMs: number;
  optimal: boolean;
  gap: number | null;
  [extra: string]: unknown;
}

async function timed<T>(
  runs: number,
  run: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; result: T }> {
  const samples: { ms: number; cpuMs: number; result: T }[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    samples.push({ ms, cpuMs: (used.user + used.system) / 1000, result });
  }
  samples.sort((a, b) => a.ms - b.ms);
  const median = samples[Math.floor(samples.length / 2)];
  return { ms: Math.round(median.ms), cpuMs: Math.round(median.cpuMs), result: median.result };
}

type CaseRunner = () => Promise<{ line: BenchLine; notes: string; status: string }>;

const CASES: Record<string, CaseRunner> = {
  'assign-6x6x3': () => runAssign('assign-6x6x3', 6, 6, 40, 1e-6, 3),
  'assign-2000x300x3': () => runAssign('assign-2000x300x3', 2000, 300, 400, 0.005, 1),
  'rank-2000': runRank,
  'portfolio-2000': runPortfolio,
  'proposal-saves': runProposalSaves,
};

async function runAssign(
  name: string,
  proposalCount: number,
  mentorCount: number,
  institutionCount: number,
  mipRelGap: number,
  runs: number,
) {
  const { input } = await assignCase({ proposalCount, mentorCount, institutionCount, mipRelGap });
  const { ms, cpuMs, result } = await timed(runs, () => assignReviewers(input()));
  const check = checkReviewerAssignment({ ...input(), assignments: result.assignments });
  const conflicts = check.problems.filter((p) => p.code === 'conflict').length;
  const covered = new Map<string, number>();
  for (const p of input().applications) covered.set(p.id, COVERAGE.length);
  for (const miss of result.uncovered)
    covered.set(miss.applicationId, (covered.get(miss.applicationId) ?? 0) - 1);
  for (const entry of result.unavailableCoverage)
    for (const id of entry.applicationIds) covered.set(id, (covered.get(id) ?? 0) - 1);
  const minCoverage = Math.min(...covered.values());
  const line: BenchLine = {
    bench: 'review',
    case: name,
    ms,
    cpuMs,
    optimal: result.optimal,
    gap: result.gap,
    complete: result.complete,
    loadSpread: result.loadSpread,
    minLoad: Math.min(...result.loads.map((l) => l.load)),
    maxLoad: Math.max(...result.loads.map((l) => l.load)),
    minCoverage,
    uncovered: result.uncovered.length,
    meanAffinity: round3(result.affinity?.mean ?? 0),
    worstShare: round3(result.affinity?.worstShare ?? 0),
    conflictsAssigned: conflicts,
    pairs: result.pairs.candidates,
    pairsInModel: result.pairs.inModel,
  };
  return {
    line,
    status: result.status,
    notes: `loads ${line.minLoad}–${line.maxLoad} (spread ${result.loadSpread}), min coverage ${minCoverage}/${COVERAGE.length}, mean affinity ${line.meanAffinity}, worst share ${line.worstShare}, conflicted pairs assigned ${conflicts}, ${result.pairs.inModel}/${result.pairs.candidates} pairs in the model`,
  };
}

function syntheticReviews(
  proposalIds: readonly string[],
  reviewerCount: number,
  seed: number,
): { reviews: ApplicationReview[]; quality: Map<string, number> } {
  const random = createSeededRandom({ seed });
  const reviewers = Array.from({ length: reviewerCount }, (_, i) => ({
    id: `mentor-${String(i + 1).padStart(3, '0')}`,
    bias: random() * 2 - 1,
    range: 0.6 + random() * 0.8,
  }));
  const quality = new Map(proposalIds.map((id) => [id, random() * 2 - 1]));
  const reviews: ApplicationReview[] = [];
  proposalIds.forEach((id, i) => {
    for (let j = 0; j < 3; j++) {
      const reviewer = reviewers[(i * 7 + j * 101) % reviewerCount];
      const scores: Record<string, number> = {};
      for (const criterion of RUBRIC.criteria) {
        const value =
          5 +
          reviewer.bias +
          reviewer.range * 3 * (quality.get(id) as number) +
          (random() - 0.5) * 2;
        scores[criterion.id] = Math.min(9, Math.max(1, Math.round(value)));
      }
      reviews.push({ applicationId: id, reviewerId: reviewer.id, scores });
    }
  });
  return { reviews, quality };
}

async function runRank() {
  const ids = Array.from({ length: 2000 }, (_, i) => `proposal-${String(i + 1).padStart(5, '0')}`);
  const { reviews } = syntheticReviews(ids, 300, 7);
  const { ms, cpuMs, result } = await timed(3, async () => {
    const scores = aggregateScores({ rubric: RUBRIC, reviews }).applications;
    const first = rankProposals({ components: [{ id: 'review', weight: 1, scores }], seed: 1 });
    const funded = first.proposals.slice(0, 300).map((p) => p.proposalId);
    return rankProposals({
      components: [{ id: 'review', weight: 1, scores }],
      seed: 1,
      fundingLine: { fundedIds: funded },
    });
  });
  const widths = result.proposals.map((p) => p.interval.high - p.interval.low);
  const line: BenchLine = {
    bench: 'review',
    case: 'rank-2000',
    ms,
    cpuMs,
    optimal: true,
    gap: 0,
    resamples: result.resamples,
    straddling: result.straddlingIds.length,
    meanIntervalWidth: round3(widths.reduce((s, w) => s + w, 0) / widths.length),
  };
  return {
    line,
    status: 'done',
    notes: `${result.straddlingIds.length} proposals straddle the line at the 300th, mean 90 % interval width ${line.meanIntervalWidth} (score 0..1)`,
  };
}

async function runPortfolio() {
  const random = createSeededRandom({ seed: 11 });
  const ids = Array.from({ length: 2000 }, (_, i) => `proposal-${String(i + 1).padStart(5, '0')}`);
  const { reviews } = syntheticReviews(ids, 300, 7);
  const scores = aggregateScores({ rubric: RUBRIC, reviews }).applications;
  const ranking = rankProposals({ components: [{ id: 'review', weight: 1, scores }], seed: 1 });
  const score = new Map(ranking.proposals.map((p) => [p.proposalId, p.score]));
  const institutions = Array.from({ length: 300 }, (_, i) => `Institution ${i + 1}`);
  const challengeAreas = [...AREAS, 'patient engagement', 'data sharing'];
  const proposals: FundingCandidate[] = ids.map((id, i) => ({
    id,
    merit: score.get(id) as number,
    request: 1000 * (20 + Math.floor(random() * 131)),
    institutions: [institutions[Math.floor(random() ** 1.5 * institutions.length)]],
    // The two extra areas are rare: a handful of proposals each.
    areas: i % 400 === 7 ? [challengeAreas[8 + (i % 2)]] : [AREAS[Math.floor(random() * 8)]],
  }));
  const totalRequested = proposals.reduce((sum, p) => sum + p.request, 0);
  const limits = {
    proposals,
    pool: Math.round((totalRequested * 0.12) / 1000) * 1000,
    awardCap: 120_000,
    rules: {
      maxAwardsPerInstitution: 3,
      minAwardsPerArea: 1,
      areas: challengeAreas,
      mustFund: [ids[1500]],
      mustNotFund: [ranking.proposals[0].proposalId],
    },
  };
  const { ms, cpuMs, result } = await timed(3, () =>
    optimiseFundingPortfolio({ ...limits, seed: 1, solver: { timeLimitSeconds: 60 } }),
  );
  const check = checkFundingPortfolio({
    ...limits,
    awards: result.awards.map((a) => ({ proposalId: a.proposalId, amount: a.amount })),
  });
  const next = result.next[0];
  const line: BenchLine = {
    bench: 'review',
    case: 'portfolio-2000',
    ms,
    cpuMs,
    optimal: result.optimal,
    gap: result.gap,
    awards: result.awards.length,
    pool: limits.pool,
    moneyLeft: result.moneyLeft,
    totalMerit: round3(result.totalMerit),
    areasMet: result.areas.filter((a) => a.met).length,
    areas: result.areas.length,
    violations: check.violations.length,
    nextMeritNeeded: next?.meritNeeded === null ? null : round3(next?.meritNeeded ?? 0),
    nextRequestNeeded: next?.requestNeeded ?? null,
  };
  return {
    line,
    status: result.status,
    notes: `${result.awards.length} awards, money left ${result.moneyLeft} of ${limits.pool}, areas met ${line.areasMet}/${line.areas}, rule violations ${check.violations.length}; next: ${next?.message ?? '-'}`,
  };
}

/** The load-test support modules (plain .mjs, shared with the other benches). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const support = (name: string): Promise<any> =>
  import(new URL(`./support/${name}`, import.meta.url).href);

const SAVE_MEMBERS = 6;
const SAVE_SECONDS = Number(process.env.BENCH_SAVE_SECONDS ?? 10);

async function runProposalSaves() {
  const run = await support('run.mjs');
  const { scratchDatabase } = await support('database.mjs');
  const { startBuiltApi } = await support('processes.mjs');
  const { buildIfNeeded } = await import(
    new URL('../../scripts/build-if-needed.mjs', import.meta.url).href
  );
  try {
    buildIfNeeded(['api'], run.log);
    const work = run.tempDir('ideas-lab-bench-saves-');
    const database = await scratchDatabase({ prefix: 'bench_saves', work });
    const api = await startBuiltApi({
      databaseUrl: database.url,
      dataDir: `${work}/data`,
      poolSize: 10,
    });
    return await proposalSaves(api.url as string);
  } finally {
    await run.cleanUp();
  }
}

async function proposalSaves(baseUrl: string) {
  const call = async (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{
    status: number;
    body: Record<string, unknown> & { details?: Record<string, unknown> };
  }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as never };
  };
  const must = async (method: string, path: string, token: string | null, body?: unknown) => {
    const res = await call(method, path, token, body);
    if (res.status >= 300)
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const admin = (await must('POST', '/api/auth/login', null, {
    email: 'admin@ideas-lab.test',
    password: 'ideas-lab-demo',
  })) as { accessToken: string };
  const tag = Date.now().toString(36);
  // The live-workshop demo lab: applicant001..030 are its participants (known passwords in development).
  const labs = (await must('GET', '/api/labs', admin.accessToken)) as unknown as {
    id: string;
    slug: string;
  }[];
  const lab = labs.find((l) => l.slug === 'cancer-digital-twin-workshop');
  if (!lab) throw new Error('the live-workshop demo lab is missing');
  const members: { userId: string; token: string }[] = [];
  for (let i = 1; i <= SAVE_MEMBERS; i++) {
    const session = (await must('POST', '/api/auth/login', null, {
      email: `applicant${String(i).padStart(3, '0')}@ideas-lab.test`,
      password: 'ideas-lab-demo',
    })) as { accessToken: string; user: { id: string } };
    members.push({ userId: session.user.id, token: session.accessToken });
  }
  const team = (await must('POST', `/api/labs/${lab.id}/teams`, admin.accessToken, {
    name: `Savers ${tag}`,
    memberIds: members.map((m) => m.userId),
  })) as { id: string };
  const round = (await must('POST', `/api/labs/${lab.id}/funding-rounds`, admin.accessToken, {
    name: `Bench round ${tag}`,
    pool: 250_000,
    awardCap: 50_000,
    currency: 'USD',
    proposalsDueAt: new Date(Date.now() + 86_400_000).toISOString(),
  })) as { id: string };
  const path = `/api/labs/${lab.id}/funding-rounds/${round.id}/teams/${team.id}/proposal`;

  const accepted: { version: number; title: string; by: string }[] = [];
  let conflicts = 0;
  const unexpected: string[] = [];
  const latencies: number[] = [];
  const until = performance.now() + SAVE_SECONDS * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    members.map(async (member, m) => {
      let base = 0;
      for (let n = 0; performance.now() < until; n++) {
        const title = `Saver ${m}, save ${n}`;
        const sentAt = performance.now();
        const res = await call('POST', `${path}/versions`, member.token, {
          baseVersion: base,
          content: {
            title,
            abstract: `Abstract written by saver ${m} (${n}).`,
            aims: '',
            approach: '',
            challengeArea: '',
            milestones: [],
            teamRoles: [],
            budget: [{ category: 'other', description: 'Item', amount: 100 + n }],
          },
        });
        latencies.push(performance.now() - sentAt);
        if (res.status === 201) {
          const version = res.body.version as number;
          accepted.push({ version, title, by: member.userId });
          base = version;
        } else if (res.status === 409 && res.body.code === 'PROPOSAL_VERSION_CONFLICT') {
          conflicts += 1;
          base = res.body.details?.currentVersion as number;
        } else {
          unexpected.push(`${res.status} ${String(res.body.code)}`);
        }
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);

  // Every accepted save must be a stored version with its author's text, each version once.
  const stored = (await must('GET', `${path}/versions`, members[0].token)) as unknown as {
    version: number;
    title: string;
    author: { userId: string } | null;
  }[];
  const byVersion = new Map(stored.map((v) => [v.version, v]));
  const lost = accepted.filter((a) => {
    const v = byVersion.get(a.version);
    return !v || v.title !== a.title || v.author?.userId !== a.by;
  }).length;
  const duplicateVersions = accepted.length - new Set(accepted.map((a) => a.version)).size;
  const extraVersions = stored.length - accepted.length;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
  const line: BenchLine = {
    bench: 'review',
    case: 'proposal-saves',
    ms: Math.round(elapsedS * 1000),
    cpuMs: Math.round((used.user + used.system) / 1000),
    optimal:
      lost === 0 && duplicateVersions === 0 && extraVersions === 0 && unexpected.length === 0,
    gap: null,
    members: SAVE_MEMBERS,
    seconds: SAVE_SECONDS,
    savesPerS: Math.round((accepted.length / elapsedS) * 10) / 10,
    attemptsPerS: Math.round((latencies.length / elapsedS) * 10) / 10,
    p99Ms: Math.round(p99 * 10) / 10,
    accepted: accepted.length,
    conflicts,
    lostUpdates: lost + duplicateVersions + Math.max(0, extraVersions),
    unexpected: unexpected.length,
  };
  return {
    line,
    status: line.lostUpdates === 0 && unexpected.length === 0 ? 'no lost updates' : 'LOST UPDATES',
    notes: `${accepted.length} saves accepted, ${conflicts} refused with PROPOSAL_VERSION_CONFLICT, ${stored.length} versions stored, ${unexpected.length} other answers${unexpected.length ? ` (${[...new Set(unexpected)].join(', ')})` : ''}; cpu ms is the bench's client side`,
  };
}

async function main(): Promise<void> {
  const selected = (process.env.BENCH_CASES ?? Object.keys(CASES).join(','))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = selected.filter((name) => !(name in CASES));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_CASES names unknown cases: ${unknown.join(', ')} (known: ${Object.keys(CASES).join(', ')})`,
    );
  }
  const warmStart = performance.now();
  await loadHighs();
  const warmUpMs = Math.round(performance.now() - warmStart);
  const lines: BenchLine[] = [];
  const rows: string[][] = [];
  for (const name of selected) {
    const { line, status, notes } = await CASES[name]();
    lines.push(line);
    rows.push([
      name,
      String(line.ms),
      String(line.cpuMs),
      status,
      String(line.optimal),
      line.gap === null ? '-' : line.gap.toExponential(1),
      notes,
    ]);
  }
  printBenchResults({
    preface: `HiGHS warm-up (WebAssembly load): ${warmUpMs} ms; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
    header: ['case', 'ms', 'cpu ms', 'status', 'optimal', 'gap', 'notes'],
    rows,
    lines,
  });
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

await main();
