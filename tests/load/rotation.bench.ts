/**
 * Breakout rotation benchmark: `npm run bench:rotation` (add `-- --table` for the
 * social-golfer table below).
 *
 * Lab cases, a cohort like the model Ideas Lab's: 30 participants spread unevenly over the
 * eight expertise areas, six mentors, rooms of 5 that must each hold at least 4 areas:
 * - "30x5x6": six rounds; the optimum is 360 distinct pairs (no pair meets twice);
 * - "30x5x8": eight rounds; 435 pairs exist, the goal is at least 426.
 * Social-golfer cases (n people in rooms of g for R rounds, no lab rules), where schedules
 * with no repeat are known: "15x3x7" (Kirkman's schoolgirls), "32x4x8" and "32x4x9" (the
 * original golfers), "100x5x10", "300x6x8". With `--table`, more instances of the standard
 * table (g groups of s for w weeks, as g·s x s x w).
 *
 * Fixed seeds and the planner's default move budget (no wall-clock cap), so the plans do not
 * depend on the machine. Prints a table, then one JSON object per case on its own line. `ms`
 * is the median of three runs of the whole `planRotation` call (plans are identical across
 * runs), `cpuMs` the CPU time of the same runs (what `ms` would be on an idle machine: on a
 * shared one `ms` also counts the time others hold the cores); for the lab cases both
 * include the second plan without the rules that `constraintCost` is measured against.
 */
import { planRotation } from '@ideas-lab/domain';
import type { PlanRotationResult, RotationParticipant } from '@ideas-lab/domain';

import { CAREER_STAGES, EXPERTISE_AREAS } from './support/bench-lab.js';

const AREAS = EXPERTISE_AREAS;
/** Participants per area, as uneven as a real cohort (sums to 30). */
const AREA_COUNTS = [6, 4, 3, 5, 2, 5, 2, 3];

function labCohort(): RotationParticipant[] {
  const participants: RotationParticipant[] = [];
  AREA_COUNTS.forEach((count, area) => {
    for (let i = 0; i < count; i++) {
      const n = participants.length;
      participants.push({
        id: `participant-${String(n + 1).padStart(2, '0')}`,
        discipline: AREAS[area],
        careerStage: CAREER_STAGES[(n * 7) % CAREER_STAGES.length],
      });
    }
  });
  return participants;
}

function golfers(n: number): RotationParticipant[] {
  return Array.from({ length: n }, (_, i) => ({ id: `golfer-${i + 1}`, discipline: 'golf' }));
}

const MENTORS = Array.from({ length: 6 }, (_, i) => ({
  id: `mentor-${i + 1}`,
  expertise: [AREAS[i], AREAS[i + 2]],
}));
const MIN_DISCIPLINES = 4;

interface Case {
  name: string;
  participants: number;
  roomSize: number;
  rounds: number;
  lab: boolean;
  seed: number;
}

const golferCase = (n: number, g: number, r: number): Case => ({
  name: `${n}x${g}x${r}`,
  participants: n,
  roomSize: g,
  rounds: r,
  lab: false,
  seed: 2020,
});

const CASES: Case[] = [
  { name: '30x5x6', participants: 30, roomSize: 5, rounds: 6, lab: true, seed: 2020 },
  { name: '30x5x8', participants: 30, roomSize: 5, rounds: 8, lab: true, seed: 2020 },
  golferCase(15, 3, 7),
  golferCase(32, 4, 8),
  golferCase(32, 4, 9),
  golferCase(100, 5, 10),
  golferCase(300, 6, 8),
];

/** Instances g-s-w of the standard social-golfer table (solutions known to exist). */
const TABLE: [number, number, number][] = [
  [3, 3, 4],
  [4, 4, 5],
  [5, 5, 6],
  [6, 3, 8],
  [6, 4, 6],
  [6, 5, 6],
  [6, 6, 3],
  [7, 3, 10],
  [7, 4, 7],
  [7, 5, 5],
  [7, 6, 4],
  [7, 7, 8],
  [8, 3, 10],
  [8, 4, 10],
  [8, 5, 5],
  [8, 6, 5],
  [8, 7, 4],
  [8, 8, 9],
  [9, 3, 13],
  [9, 4, 9],
  [9, 5, 6],
  [9, 6, 5],
  [9, 7, 5],
  [9, 8, 4],
  [9, 9, 10],
  [10, 3, 13],
  [10, 4, 10],
  [10, 5, 7],
  [10, 6, 6],
  [10, 7, 5],
  [10, 8, 5],
  [10, 9, 4],
  [10, 10, 4],
];
if (process.argv.includes('--table')) {
  for (const [g, s, w] of TABLE) {
    const c = golferCase(g * s, s, w);
    if (!CASES.some((known) => known.name === c.name)) CASES.push(c);
  }
}

function run(c: Case): { plan: PlanRotationResult; ms: number; cpuMs: number } {
  const participants = c.lab ? labCohort() : golfers(c.participants);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let plan: PlanRotationResult | undefined;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    plan = planRotation({
      participants,
      mentors: c.lab ? MENTORS : [],
      rounds: c.rounds,
      roomSize: c.roomSize,
      minDisciplinesPerRoom: c.lab ? MIN_DISCIPLINES : 0,
      seed: c.seed,
    });
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]): number => Math.round([...values].sort((a, b) => a - b)[1]);
  return { plan: plan as PlanRotationResult, ms: median(times), cpuMs: median(cpuTimes) };
}

const rows = CASES.map((c) => {
  const { plan, ms, cpuMs } = run(c);
  const n = c.participants;
  const meetings = plan.roomSizes.reduce((sum, s) => sum + (s * (s - 1)) / 2, 0) * c.rounds;
  return { c, plan, ms, cpuMs, possible: Math.min((n * (n - 1)) / 2, meetings) };
});

const header = [
  'case',
  'rooms',
  'pairs',
  'of',
  'repeats',
  'rules cost',
  'min areas/room',
  'mentors met',
  'start',
  'stopped by',
  'ms',
  'cpu ms',
];
const table = rows.map(({ c, plan, ms, cpuMs, possible }) => [
  c.name,
  `${plan.roomSizes.length}×${plan.roomSizes[0]}`,
  String(plan.metrics.pairsMet),
  String(possible),
  String(plan.metrics.repeats),
  c.lab ? String(plan.constraintCost?.extraRepeats ?? '—') : '—',
  c.lab ? String(plan.metrics.minDisciplinesInRoom) : '—',
  c.lab
    ? `${plan.metrics.mentorsMetPerParticipant.min}–${plan.metrics.mentorsMetPerParticipant.max}`
    : '—',
  plan.design ?? plan.start,
  plan.stoppedBy,
  String(ms),
  String(cpuMs),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
console.log(
  `Breakout rotation. Lab cases: 30 participants over ${AREAS.length} areas, ${MENTORS.length} mentors, ≥ ${MIN_DISCIPLINES} areas per room; others: social golfers, no rules`,
);
console.log(line(header));
for (const r of table) console.log(line(r));
console.log('');
for (const { c, plan, ms, cpuMs } of rows) {
  console.log(
    JSON.stringify({
      bench: 'rotation',
      case: c.name,
      pairs: plan.metrics.pairsMet,
      repeats: plan.metrics.repeats,
      ms,
      cpuMs,
      ...(c.lab
        ? {
            minDisciplinesPerRoom: plan.metrics.minDisciplinesInRoom,
            extraRepeatsFromRules: plan.constraintCost?.extraRepeats ?? null,
            repeatsWithoutRules: plan.constraintCost?.unconstrainedRepeats ?? null,
          }
        : {}),
      start: plan.design ?? plan.start,
      stoppedBy: plan.stoppedBy,
    }),
  );
}
