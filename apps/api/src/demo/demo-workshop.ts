import type { INestApplicationContext } from '@nestjs/common';
import type { AgendaSessionKind } from '@ideas-lab/domain';
import { FormationRunsService } from '@ideas-lab/formation';
import { LabsService } from '@ideas-lab/labs';
import { MentorTopicsEntity } from '@ideas-lab/live';
import { TransactionRunner } from '@ideas-lab/platform';
import { AgendaService, BreakoutService, WorkshopSettingsService } from '@ideas-lab/workshop';
import { seedDemoIdeasBoard } from './demo-ideas.js';
import { seedDemoFormation } from './demo-formation.js';
import { createDemoLabInWorkshop, demoMentors, type DemoLabInput } from './demo-lab-setup.js';
import { seedDemoRunningOrder } from './demo-pitches.js';

/** The second demo lab: the same challenge, already in its workshop, so the live screens work. */
export const DEMO_WORKSHOP_LAB = {
  slug: 'cancer-digital-twin-workshop',
  title: 'Cancer Patient Digital Twin — live workshop (demo)',
  participants: 30,
  /** Rooms of 5 over 4 rounds, a mentor per room, rotated. */
  rotation: { rounds: 4, roomSize: 5, roundMinutes: 20, minDisciplinesPerRoom: 3 },
};

/** What each of the six mentors helps with, for the help queue's routing. */
const MENTOR_TOPICS = [
  ['mathematical modelling', 'model calibration', 'uncertainty quantification'],
  ['medical imaging', 'biomedical engineering', 'biosensors'],
  ['clinical practice', 'clinical trials', 'patient outcomes'],
  ['hpc', 'workflows', 'data assimilation'],
  ['bioinformatics', 'single-cell rna-seq', 'tumour evolution'],
  ['ai', 'causal inference', 'proposal writing'],
];

/** Five days, yesterday to three days from now, local times; one breakout session, today. */
const AGENDA: { day: number; kind: AgendaSessionKind; title: string; from: string; to: string }[] =
  [
    { day: -1, kind: 'plenary', title: 'Welcome and the challenge', from: '09:00', to: '10:00' },
    {
      day: -1,
      kind: 'ideation',
      title: 'What would a digital twin need?',
      from: '10:30',
      to: '12:30',
    },
    { day: -1, kind: 'plenary', title: 'Lightning talks: who is here', from: '14:00', to: '16:00' },
    { day: 0, kind: 'plenary', title: 'Day 2: where we are', from: '09:00', to: '09:30' },
    { day: 0, kind: 'breakout', title: 'Mentored breakout rotation', from: '10:00', to: '11:45' },
    { day: 0, kind: 'ideation', title: 'Ideas from the rooms', from: '13:00', to: '15:00' },
    { day: 1, kind: 'plenary', title: 'Forming teams', from: '09:00', to: '10:00' },
    { day: 1, kind: 'ideation', title: 'Team ideation', from: '10:30', to: '16:00' },
    { day: 2, kind: 'ideation', title: 'Writing the proposal', from: '09:00', to: '13:00' },
    { day: 2, kind: 'pitch', title: 'Practice pitches with mentors', from: '14:00', to: '16:30' },
    { day: 3, kind: 'pitch', title: 'Final pitches', from: '09:00', to: '12:00' },
    { day: 3, kind: 'plenary', title: 'Closing and next steps', from: '13:00', to: '14:00' },
  ];

/** The workshop demo lab takes the first lab's staff, taxonomy and words. */
export type DemoWorkshopInput = DemoLabInput;

/**
 * The live-workshop demo lab, through the same services as the API: the organiser and the six
 * mentors of the first lab, applicant001..030 as its participants (with profiles over the
 * eight disciplines), an agenda over five days from yesterday, and today's breakout session
 * with an adopted rotation plan whose rounds wait, planned, for the control room to open them.
 * Team formation has an adopted run, so the teams exist and both pitch sessions have a running
 * order. Returns the lab's id, or null when it already exists.
 */
export async function seedDemoWorkshopLab(
  app: INestApplicationContext,
  input: DemoWorkshopInput,
): Promise<string | null> {
  const labs = app.get(LabsService);
  if ((await labs.list(input.admin)).some((l) => l.slug === DEMO_WORKSHOP_LAB.slug)) return null;
  const agenda = app.get(AgendaService);
  const breakout = app.get(BreakoutService);
  const { organiser, timezone } = input;
  const at = (day: number, time: string) => zonedTime(timezone, input.now, day, time);

  const created = await createDemoLabInWorkshop(app, input, {
    slug: DEMO_WORKSHOP_LAB.slug,
    title: DEMO_WORKSHOP_LAB.title,
    dates: {
      applicationsOpenAt: at(-40, '09:00'),
      applicationsCloseAt: at(-10, '17:00'),
      workshopStartAt: at(-1, '09:00'),
      workshopEndAt: at(3, '17:00'),
      proposalsDueAt: at(30, '17:00'),
    },
    pool: 1_000_000,
    participants: Array.from({ length: DEMO_WORKSHOP_LAB.participants }, (_, i) => i + 1),
  });
  const lab = { id: created.labId };
  const participants = created.participants.map((p) => p.userId);
  for (const [n, userId] of participants.entries()) {
    await breakout.setProfile(organiser, lab.id, userId, {
      discipline: input.disciplines[n % input.disciplines.length],
      careerStage: input.careerStages[(n * 3 + Math.floor(n / 8)) % input.careerStages.length],
    });
  }

  let breakoutSessionId: string | null = null;
  const pitchSessionIds: string[] = [];
  for (const session of AGENDA) {
    const created = await agenda.create(organiser, lab.id, {
      kind: session.kind,
      title: session.title,
      startsAt: at(session.day, session.from),
      endsAt: at(session.day, session.to),
    });
    if (session.kind === 'breakout') breakoutSessionId = created.id;
    if (session.kind === 'pitch') pitchSessionIds.push(created.id);
  }
  if (breakoutSessionId) {
    const plan = await breakout.createPlan(organiser, lab.id, breakoutSessionId, {
      ...DEMO_WORKSHOP_LAB.rotation,
      seed: 'ideas-lab-demo',
    });
    await breakout.adopt(organiser, lab.id, breakoutSessionId, plan.id);
  }
  // Every room gets a video call from the lab's link template (Jitsi needs no account).
  await app.get(WorkshopSettingsService).update(organiser, lab.id, {
    version: 0,
    roomLinkTemplate: 'https://meet.jit.si/{lab}-{room}',
  });

  // Mentors' help topics: the live layer keeps them per lab, set by mentors when connected.
  const topics = app.get(TransactionRunner).manager().getRepository(MentorTopicsEntity);
  const mentors = await demoMentors(app, input.mentorEmails);
  for (const [m, mentor] of mentors.entries())
    await topics.save({
      labId: lab.id,
      userId: mentor.userId,
      topics: MENTOR_TOPICS[m % MENTOR_TOPICS.length],
    });
  await seedDemoIdeasBoard(app, {
    labId: lab.id,
    organiser,
    participants: participants.map((userId) => ({ userId, isAdmin: false })),
    mentors,
    disciplines: input.disciplines,
  });

  // Team formation over the shortlist (the ideas board's demo seeds it first): interests from
  // the thirty participants and a run, adopted so that the teams exist and the pitch sessions
  // can list them (an organiser can still run formation again and adopt another run).
  if (await seedDemoFormation(app, { labId: lab.id, organiser, participantIds: participants })) {
    const runs = app.get(FormationRunsService);
    const [run] = await runs.runs(organiser, lab.id);
    await runs.adopt(organiser, lab.id, run.id);
    // Practice pitches are shorter than the final ones.
    for (const [i, sessionId] of pitchSessionIds.entries())
      await seedDemoRunningOrder(app, {
        labId: lab.id,
        organiser,
        sessionId,
        pitchSeconds: i === 0 ? 300 : 420,
        questionSeconds: 300,
      });
  }
  return lab.id;
}

/** `time` (HH:MM) in `timeZone` on the day `day` days from `now`'s date there, as ISO UTC. */
export function zonedTime(timeZone: string, now: Date, day: number, time: string): string {
  const parts = (instant: number) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })
        .formatToParts(new Date(instant))
        .filter((p) => p.type !== 'literal')
        .map((p) => [p.type, Number(p.value)]),
    ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  const offsetAt = (instant: number) => {
    const p = parts(instant);
    return (
      Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / 60_000) * 60_000
    );
  };
  const today = parts(now.getTime());
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(today.year, today.month - 1, today.day + day, hour, minute);
  const guess = wall - offsetAt(wall);
  return new Date(wall - offsetAt(guess)).toISOString();
}
