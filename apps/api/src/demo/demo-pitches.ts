import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { PitchScoresService, PitchSessionsService } from '@ideas-lab/pitches';
import { AgendaService, TeamsService } from '@ideas-lab/workshop';

/** What each team heard from the mentors after its pitch (the first two are released to it). */
const COMMENTS = [
  'A clear story from one patient to the model. Show how you would validate it in a year.',
  'The clinical question is strong; say which data you already have access to.',
  'Ambitious and well argued. Narrow the first milestone to something a seed award can reach.',
  'Good mix of people. The pitch needed one slide on what failure would look like.',
  'Convincing demo. Think about who maintains the tool after the award.',
  'The uncertainty framing is new here; bring a clinician into the next conversation.',
];

/**
 * A finished pitch session in the review demo lab: the six teams pitched on the last workshop
 * day, each mentor scored every team they may (conflicts skipped), and the organisers released
 * two comments per team. Clicks go through the services as the control room's would.
 */
export async function seedDemoPitches(
  app: INestApplicationContext,
  input: {
    labId: string;
    organiser: Actor;
    mentors: Actor[];
    teamIds: string[];
    startsAt: string;
    endsAt: string;
  },
): Promise<void> {
  const agenda = app.get(AgendaService);
  const sessions = app.get(PitchSessionsService);
  const scores = app.get(PitchScoresService);
  const { labId, organiser } = input;
  const session = await agenda.create(organiser, labId, {
    kind: 'pitch',
    title: 'Team pitches',
    startsAt: input.startsAt,
    endsAt: input.endsAt,
  });
  let view = await sessions.put(organiser, labId, session.id, {
    version: 0,
    slots: input.teamIds.map((teamId) => ({ teamId, pitchSeconds: 420, questionSeconds: 300 })),
  });
  view = await sessions.start(organiser, labId, session.id);
  for (const [t, slot] of view.slots.entries()) {
    for (const [m, mentor] of input.mentors.entries()) {
      const sheet = await scores.mine(mentor, labId, session.id);
      if (sheet.slots.find((s) => s.slot.id === slot.id)?.conflict) continue;
      // Deterministic scores: teams differ, mentors differ a little in how harsh they are.
      const score = (k: number) => Math.min(5, Math.max(1, 2 + ((t * 7 + m * 3 + k * 5) % 4)));
      await scores.save(mentor, labId, session.id, slot.id, {
        version: 0,
        scores: Object.fromEntries(sheet.criteria.map((c, k) => [c.id, score(k)])),
        commentToTeam: COMMENTS[(t + m) % COMMENTS.length],
        privateNote: m === 0 ? 'Strong candidate for seed funding.' : '',
      });
    }
    await sessions.advance(organiser, labId, session.id, { slotId: slot.id, phase: 'pitch' });
    await sessions.advance(organiser, labId, session.id, { slotId: slot.id, phase: 'questions' });
    if (t < view.slots.length - 1)
      await sessions.next(organiser, labId, session.id, { currentSlotId: slot.id });
  }
  await sessions.end(organiser, labId, session.id);
  const table = await scores.table(organiser, labId, session.id);
  for (const team of table.teams)
    for (const row of team.scores.slice(0, 2))
      await scores.release(organiser, labId, session.id, row.id, true);
}

/**
 * A running order for a pitch session that has not begun: every team of the lab, in the order
 * the teams were formed, with the times given. Nothing when the lab has no team yet.
 */
export async function seedDemoRunningOrder(
  app: INestApplicationContext,
  input: {
    labId: string;
    organiser: Actor;
    sessionId: string;
    pitchSeconds: number;
    questionSeconds: number;
  },
): Promise<number> {
  const teams = await app.get(TeamsService).viewsOf(input.labId, null, true);
  if (teams.length === 0) return 0;
  const view = await app
    .get(PitchSessionsService)
    .put(input.organiser, input.labId, input.sessionId, {
      version: 0,
      slots: teams.map((team) => ({
        teamId: team.id,
        pitchSeconds: input.pitchSeconds,
        questionSeconds: input.questionSeconds,
      })),
    });
  return view.slots.length;
}
