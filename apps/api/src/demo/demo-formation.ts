import type { INestApplicationContext } from '@nestjs/common';
import { createSeededRandom, type Actor } from '@ideas-lab/domain';
import { FormationRunsService, FormationService, FormationShortlist } from '@ideas-lab/formation';

/**
 * Team formation in the workshop demo lab: formation open, rules for thirty people (teams of 4–6,
 * at least three disciplines, mixed career stages), interests from every participant over the
 * lab's shortlist (ratings, a few "want to work with", one "rather not", skills), and one
 * optimiser run ready to adopt. Nothing when the lab has no shortlist yet: returns false then.
 */
export async function seedDemoFormation(
  app: INestApplicationContext,
  input: { labId: string; organiser: Actor; participantIds: readonly string[] },
): Promise<boolean> {
  const shortlist = await app.get(FormationShortlist).shortlistedIdeas(input.labId);
  if (shortlist.length === 0) return false;
  const runs = app.get(FormationRunsService);
  const formation = app.get(FormationService);
  const { labId, organiser, participantIds } = input;
  const settings = await runs.settings(organiser, labId);
  const teams = Math.min(shortlist.length, Math.max(1, Math.floor(participantIds.length / 5)));
  await runs.putSettings(organiser, labId, {
    open: true,
    version: settings.version,
    rules: {
      ...settings.rules,
      teamCount: {
        min: Math.min(teams, shortlist.length),
        max: Math.min(shortlist.length, teams + 1),
      },
      teamSize: { min: 4, max: 6 },
      minDisciplines: 3,
      mixedCareerStages: true,
    },
  });
  const random = createSeededRandom({ seed: 'ideas-lab-demo-interests' });
  const skills = ['statistics', 'imaging', 'clinical trials', 'HPC', 'machine learning', 'writing'];
  for (const [n, userId] of participantIds.entries()) {
    // Each person is very keen on one or two ideas, mildly on some, and cold on the rest.
    const ratings = Object.fromEntries(
      shortlist.map((idea, i) => {
        const favourite = (n + i) % shortlist.length === 0 || (n * 3 + i) % shortlist.length === 1;
        return [idea.id, favourite ? 3 : Math.floor(random() * 3)];
      }),
    );
    const others = participantIds.filter((id) => id !== userId);
    const wants = n % 3 === 0 ? [others[(n * 7) % others.length]] : [];
    const avoids =
      n % 10 === 4
        ? [others[(n * 11 + 5) % others.length]].filter((id) => !wants.includes(id))
        : [];
    await formation.putMyInterests({ userId, isAdmin: false }, labId, {
      ratings,
      wants,
      avoids,
      skills: [skills[n % skills.length], skills[(n * 5 + 2) % skills.length]].filter(
        (s, i, all) => all.indexOf(s) === i,
      ),
      version: 0,
    });
  }
  await runs.createRun(organiser, labId, { seed: 'ideas-lab-demo' });
  return true;
}
