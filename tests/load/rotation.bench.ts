/**
 * Breakout rotation benchmark: `npm run bench:rotation`.
 *
 * A cohort like the model Ideas Lab's: 30 participants spread unevenly over the eight
 * expertise areas, six mentors, rooms of 5 that must each hold at least 4 areas. Cases:
 * - "30x5x6": six rounds; the optimum is 360 distinct pairs (no pair meets twice);
 * - "30x5x8": eight rounds; 435 pairs exist, the goal is at least 420.
 * Fixed seeds. Prints a table, then one JSON object per case on its own line. `ms` is the
 * median of three runs of the whole `planRotation` call (plans are identical across runs).
 */
import { planRotation } from '@ideas-lab/domain';
import type { PlanRotationResult, RotationParticipant } from '@ideas-lab/domain';

const AREAS = [
  'AI',
  'bioinformatics',
  'biomedical engineering',
  'cancer research',
  'clinical practice',
  'computational and data science',
  'healthcare delivery',
  'mathematical modelling',
];
/** Participants per area, as uneven as a real cohort (sums to 30). */
const AREA_COUNTS = [6, 4, 3, 5, 2, 5, 2, 3];
const CAREER_STAGES = ['graduate student', 'early career', 'mid career', 'senior'];

function cohort(): RotationParticipant[] {
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

const MENTORS = Array.from({ length: 6 }, (_, i) => ({
  id: `mentor-${i + 1}`,
  expertise: [AREAS[i], AREAS[i + 2]],
}));

interface Case {
  name: string;
  roomSize: number;
  rounds: number;
  seed: number;
}

const CASES: Case[] = [
  { name: '30x5x6', roomSize: 5, rounds: 6, seed: 2020 },
  { name: '30x5x8', roomSize: 5, rounds: 8, seed: 2020 },
];
const MIN_DISCIPLINES = 4;

function run(c: Case): { plan: PlanRotationResult; ms: number } {
  const participants = cohort();
  const times: number[] = [];
  let plan: PlanRotationResult | undefined;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    plan = planRotation({
      participants,
      mentors: MENTORS,
      rounds: c.rounds,
      roomSize: c.roomSize,
      minDisciplinesPerRoom: MIN_DISCIPLINES,
      seed: c.seed,
    });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { plan: plan as PlanRotationResult, ms: Math.round(times[1]) };
}

const rows = CASES.map((c) => {
  const { plan, ms } = run(c);
  const n = cohort().length;
  const meetings = plan.roomSizes.reduce((sum, s) => sum + (s * (s - 1)) / 2, 0) * c.rounds;
  return { c, plan, ms, possible: Math.min((n * (n - 1)) / 2, meetings) };
});

const header = [
  'case',
  'rooms',
  'pairs',
  'of',
  'repeats',
  'min areas/room',
  'shortfall',
  'mentors met',
  'start',
  'ms',
];
const table = rows.map(({ c, plan, ms, possible }) => [
  c.name,
  `${plan.roomSizes.length}×${plan.roomSizes[0]}`,
  String(plan.metrics.pairsMet),
  String(possible),
  String(plan.metrics.repeats),
  String(plan.metrics.minDisciplinesInRoom),
  String(plan.metrics.disciplineShortfall),
  `${plan.metrics.mentorsMetPerParticipant.min}–${plan.metrics.mentorsMetPerParticipant.max}`,
  plan.start,
  String(ms),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
console.log(
  `Breakout rotation: 30 participants over ${AREAS.length} areas, ${MENTORS.length} mentors, ≥ ${MIN_DISCIPLINES} areas per room`,
);
console.log(line(header));
for (const r of table) console.log(line(r));
console.log('');
for (const { c, plan, ms } of rows) {
  console.log(
    JSON.stringify({
      bench: 'rotation',
      case: c.name,
      pairs: plan.metrics.pairsMet,
      repeats: plan.metrics.repeats,
      ms,
      minDisciplinesPerRoom: plan.metrics.minDisciplinesInRoom,
    }),
  );
}
