/**
 * Cohort selection and reviewer assignment benchmark: `npm run bench:selection`.
 *
 * Synthetic labs drawn from a fixed seed: applicants spread unevenly over the demo lab's eight
 * expertise areas, four career stages, five organisation types and a pool of institutions;
 * every application reviewed by three reviewers of varying harshness, aggregated with the
 * per-reviewer z-score. Prints a table, then one JSON object per case on its own line.
 *
 * `ms` is the median of three runs of the whole call (checks, model building, solving,
 * result); loading the HiGHS WebAssembly runtime is timed once, separately, as the warm-up.
 */
import {
  aggregateScores,
  assignReviewers,
  createSeededRandom,
  findQuotaViolations,
  loadHighs,
  selectCohort,
} from '@ideas-lab/domain';

import {
  CAREER_STAGES,
  CAREER_STAGE_WEIGHTS,
  EXPERTISE_AREAS,
  EXPERTISE_AREA_WEIGHTS,
  pickWeighted,
  printBenchResults,
} from './support/bench-lab.js';
import type {
  ApplicationReview,
  CohortApplicant,
  CohortQuotas,
  ReviewConflict,
  Rubric,
} from '@ideas-lab/domain';

const DISCIPLINES = EXPERTISE_AREAS;
const DISCIPLINE_WEIGHTS = EXPERTISE_AREA_WEIGHTS;
const ORGANISATION_TYPES = [
  'university',
  'national laboratory',
  'hospital',
  'industry',
  'non-profit',
];
const ORGANISATION_WEIGHTS = [6, 1.5, 1.5, 1, 0.5];
const RUBRIC: Rubric = {
  criteria: [
    { id: 'expertise', weight: 3, scale: { min: 1, max: 5 } },
    { id: 'collaboration', weight: 2, scale: { min: 1, max: 5 } },
    { id: 'communication', weight: 1, scale: { min: 1, max: 5 } },
    { id: 'creativity', weight: 2, scale: { min: 1, max: 5 } },
    { id: 'fit', weight: 2, scale: { min: 1, max: 5 } },
  ],
};

interface SyntheticLab {
  applicants: CohortApplicant[];
  institutions: string[];
}

function syntheticLab({
  applicantCount,
  institutionCount,
  reviewerCount,
  seed,
}: {
  applicantCount: number;
  institutionCount: number;
  reviewerCount: number;
  seed: number;
}): SyntheticLab {
  const random = createSeededRandom({ seed });
  const pick = <T>(values: readonly T[], weights: readonly number[]): T =>
    pickWeighted(random, values, weights);
  const institutions = Array.from({ length: institutionCount }, (_, i) => ({
    name: `Institution ${String(i + 1).padStart(4, '0')}`,
    organisationType: pick(ORGANISATION_TYPES, ORGANISATION_WEIGHTS),
    country: `Country ${(i % 20) + 1}`,
  }));
  const people = Array.from({ length: applicantCount }, (_, i) => {
    const institution = institutions[Math.floor(random() * institutionCount)];
    return {
      id: `app-${String(i + 1).padStart(5, '0')}`,
      quality: random() * 2 - 1,
      discipline: pick(DISCIPLINES, DISCIPLINE_WEIGHTS),
      careerStage: pick(CAREER_STAGES, CAREER_STAGE_WEIGHTS),
      organisationType: institution.organisationType,
      institution: institution.name,
      country: institution.country,
      availableForWholeWorkshop: random() > 0.05,
    };
  });

  // Three reviews per application, from reviewers with their own harshness and range.
  const reviewers = Array.from({ length: reviewerCount }, (_, i) => ({
    id: `reviewer-${i + 1}`,
    bias: random() * 1.6 - 0.8,
    range: 0.6 + random() * 0.8,
  }));
  const reviews: ApplicationReview[] = [];
  people.forEach((person, i) => {
    for (let j = 0; j < 3; j++) {
      const reviewer =
        reviewers[(i + j * Math.max(1, Math.floor(reviewerCount / 3))) % reviewerCount];
      const scores: Record<string, number> = {};
      for (const criterion of RUBRIC.criteria) {
        const value = 3 + reviewer.bias + reviewer.range * 1.5 * person.quality + (random() - 0.5);
        scores[criterion.id] = Math.min(5, Math.max(1, Math.round(value)));
      }
      reviews.push({ applicationId: person.id, reviewerId: reviewer.id, scores });
    }
  });
  const merits = new Map(
    aggregateScores({ rubric: RUBRIC, reviews }).applications.map((score) => [
      score.applicationId,
      score.merit,
    ]),
  );
  const applicants = people.map(({ quality: _quality, ...person }) => ({
    ...person,
    merit: merits.get(person.id) ?? 0,
  }));
  return { applicants, institutions: institutions.map((institution) => institution.name) };
}

function quotasFor(capacity: number, maxPerInstitution: number): CohortQuotas {
  const share = (fraction: number) => Math.round(capacity * fraction);
  return {
    discipline: Object.fromEntries(DISCIPLINES.map((name) => [name, { min: share(0.1) }])),
    careerStage: {
      'graduate student': { max: share(0.15) },
      'early career': { min: share(0.25) },
      senior: { max: share(0.3) },
    },
    organisationType: {
      university: { max: share(0.6) },
      hospital: { min: share(0.1) },
      industry: { min: share(0.07) },
    },
    maxPerInstitution,
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: Math.round(times[1]), result: result as T };
}

interface BenchLine {
  bench: 'selection';
  case: string;
  ms: number;
  optimal: boolean;
  gap: number | null;
  [extra: string]: unknown;
}

async function main(): Promise<void> {
  const warmStart = performance.now();
  await loadHighs();
  const warmUpMs = Math.round(performance.now() - warmStart);
  const lines: BenchLine[] = [];
  const rows: string[][] = [];

  for (const spec of [
    {
      name: '130->30',
      applicantCount: 130,
      capacity: 30,
      institutionCount: 40,
      cap: 2,
      mipRelGap: 1e-6,
    },
    {
      name: '10000->1000',
      applicantCount: 10_000,
      capacity: 1000,
      institutionCount: 600,
      cap: 3,
      mipRelGap: 1e-3,
    },
  ]) {
    const lab = syntheticLab({
      ...spec,
      reviewerCount: spec.applicantCount > 1000 ? 300 : 6,
      seed: 2020,
    });
    const quotas = quotasFor(spec.capacity, spec.cap);
    const { ms, result } = await timed(() =>
      selectCohort({
        applicants: lab.applicants,
        capacity: spec.capacity,
        quotas,
        seed: 1,
        solver: { mipRelGap: spec.mipRelGap },
      }),
    );
    const violations = findQuotaViolations({
      applicants: lab.applicants,
      selectedIds: result.selectedIds,
      capacity: spec.capacity,
      quotas,
    });
    lines.push({
      bench: 'selection',
      case: spec.name,
      ms,
      optimal: result.optimal,
      gap: result.gap,
    });
    rows.push([
      spec.name,
      String(ms),
      result.status,
      String(result.optimal),
      formatGap(result.gap),
      `merit ${result.objective?.toFixed(2)}, price of diversity ${result.priceOfDiversity?.absolute.toFixed(2)} (${((result.priceOfDiversity?.relative ?? 0) * 100).toFixed(1)} %), quota violations ${violations.length}`,
    ]);
  }

  {
    const lab = syntheticLab({
      applicantCount: 130,
      institutionCount: 40,
      reviewerCount: 6,
      seed: 2020,
    });
    const random = createSeededRandom({ seed: 'assign' });
    const reviewers = Array.from({ length: 8 }, (_, i) => ({
      id: `reviewer-${i + 1}`,
      institution: lab.institutions[Math.floor(random() * lab.institutions.length)],
    }));
    const conflicts: ReviewConflict[] = Array.from({ length: 12 }, () => ({
      reviewerId: reviewers[Math.floor(random() * reviewers.length)].id,
      applicationId: lab.applicants[Math.floor(random() * lab.applicants.length)].id,
    }));
    const applications = lab.applicants.map((applicant) => ({
      id: applicant.id,
      institution: applicant.institution,
    }));
    const { ms, result } = await timed(() =>
      assignReviewers({ applications, reviewers, reviewsPerApplication: 3, conflicts }),
    );
    const derived = applications.filter((application) =>
      reviewers.some((reviewer) => reviewer.institution === application.institution),
    ).length;
    lines.push({
      bench: 'selection',
      case: 'assign-130x3',
      ms,
      optimal: result.optimal,
      gap: result.gap,
      loadSpread: result.loadSpread,
    });
    rows.push([
      'assign-130x3',
      String(ms),
      result.status,
      String(result.optimal),
      formatGap(result.gap),
      `load spread ${result.loadSpread}, loads ${result.loads.map((load) => load.load).join('/')}, complete ${result.complete}, ${conflicts.length} declared + ${derived} applications with a same-institution reviewer`,
    ]);
  }

  printBenchResults({
    preface: `HiGHS warm-up (WebAssembly load): ${warmUpMs} ms; ms = median of 3 runs`,
    header: ['case', 'ms', 'status', 'optimal', 'gap', 'notes'],
    rows,
    lines,
  });
}

function formatGap(gap: number | null): string {
  return gap === null ? '-' : gap.toExponential(1);
}

await main();
