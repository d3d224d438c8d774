import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import {
  IdeaBoardService,
  IdeaCurationService,
  IdeaDiscussionService,
  IdeaMergesService,
  IdeasService,
  IdeasShortlist,
  VotingService,
} from '@ideas-lab/ideas';

const CHALLENGE_AREAS = [
  'Data integration',
  'Mechanistic models',
  'Learning from patients',
  'Clinical decisions',
  'Trust and ethics',
];

const THEMES = ['Models of the tumour', 'Data and infrastructure', 'In the clinic'];

/** Twenty-one ideas over the challenge areas (two of them get merged), with what they need. */
const IDEAS: {
  title: string;
  summary: string;
  area: number;
  theme: number;
  tags: string[];
  needs: number[];
}[] = [
  {
    title: 'A twin of the tumour micro-environment',
    summary:
      'Couple agent-based models of tumour and immune cells with spatial transcriptomics of biopsies, so the twin predicts how the micro-environment responds to immunotherapy.',
    area: 1,
    theme: 0,
    tags: ['agent-based', 'spatial omics', 'immunotherapy'],
    needs: [1, 7, 3],
  },
  {
    title: 'Virtual biopsies from routine imaging',
    summary:
      'Learn the link between routine CT/MRI and tumour biology so the twin can be updated between biopsies without another procedure.',
    area: 0,
    theme: 1,
    tags: ['imaging', 'radiomics'],
    needs: [0, 2, 3],
  },
  {
    title: 'Calibrating growth models with uncertainty',
    summary:
      'Bayesian calibration of tumour growth models per patient, with uncertainty that clinicians can read, updated as new scans arrive.',
    area: 1,
    theme: 0,
    tags: ['uncertainty', 'bayesian', 'calibration'],
    needs: [7, 5, 4],
  },
  {
    title: 'A common data model for twins',
    summary:
      'Agree a data model that links genomics, imaging, treatment and outcomes across hospitals, so twins can be built anywhere.',
    area: 0,
    theme: 1,
    tags: ['interoperability', 'standards'],
    needs: [5, 6, 1],
  },
  {
    title: 'Federated learning across cancer centres',
    summary:
      'Train the learned parts of the twin where the data lives, across centres, without moving patient records.',
    area: 2,
    theme: 1,
    tags: ['federated learning', 'privacy'],
    needs: [0, 5, 6],
  },
  {
    title: 'Twins for radiotherapy adaptation',
    summary:
      'Predict response during a course of radiotherapy and suggest when to adapt the plan, tested retrospectively on adaptive-RT cohorts.',
    area: 3,
    theme: 2,
    tags: ['radiotherapy', 'adaptive'],
    needs: [4, 7, 2],
  },
  {
    title: 'What patients want from their twin',
    summary:
      'Interviews and co-design with patients about what a twin should show them, and what it must never do.',
    area: 4,
    theme: 2,
    tags: ['co-design', 'patients'],
    needs: [6, 4, 3],
  },
  {
    title: 'Drug response from organoids to the twin',
    summary:
      'Use patient-derived organoid screens to set the drug-response parameters of the twin before treatment starts.',
    area: 1,
    theme: 0,
    tags: ['organoids', 'pharmacology'],
    needs: [3, 1, 7],
  },
  {
    title: 'Explaining the twin to the tumour board',
    summary:
      'Explanations of twin predictions designed for multidisciplinary tumour boards, evaluated with clinicians in mock boards.',
    area: 3,
    theme: 2,
    tags: ['explainability', 'tumour board'],
    needs: [0, 4, 6],
  },
  {
    title: 'Digital twins of clonal evolution',
    summary:
      'Model clonal evolution under treatment from serial liquid biopsies, to anticipate resistance before it shows on scans.',
    area: 1,
    theme: 0,
    tags: ['evolution', 'liquid biopsy'],
    needs: [1, 7, 3],
  },
  {
    title: 'Wearables as a twin’s daily data',
    summary:
      'Use activity and symptom data from wearables to update the twin between visits, and flag toxicity early.',
    area: 2,
    theme: 1,
    tags: ['wearables', 'toxicity'],
    needs: [2, 5, 4],
  },
  {
    title: 'HPC workflows for patient-scale models',
    summary:
      'Workflows that run multiscale models per patient overnight on HPC, with provenance, so results are ready for morning rounds.',
    area: 0,
    theme: 1,
    tags: ['hpc', 'workflows', 'provenance'],
    needs: [5, 7],
  },
  {
    title: 'Synthetic patients to test twins safely',
    summary:
      'Generate realistic synthetic patient trajectories to test twin software before it touches real decisions.',
    area: 4,
    theme: 1,
    tags: ['synthetic data', 'validation'],
    needs: [0, 5, 3],
  },
  {
    title: 'Counterfactual treatment planning',
    summary:
      'Causal models that compare treatment options for one patient, with honest uncertainty where evidence is thin.',
    area: 3,
    theme: 2,
    tags: ['causal inference', 'treatment'],
    needs: [0, 4, 7],
  },
  {
    title: 'Fairness audits for twin predictions',
    summary:
      'Check that twin predictions are equally good across groups of patients, and say where they are not.',
    area: 4,
    theme: 2,
    tags: ['fairness', 'audit'],
    needs: [0, 6],
  },
  {
    title: 'Immune system twins for immunotherapy',
    summary:
      'A mechanistic model of the patient’s immune response, parameterised from blood panels, to predict immunotherapy response.',
    area: 1,
    theme: 0,
    tags: ['immunology', 'immunotherapy'],
    needs: [7, 3, 1],
  },
  {
    title: 'Learning model structure from outcomes',
    summary:
      'Hybrid models that learn the missing terms of mechanistic models from outcome data of large cohorts.',
    area: 2,
    theme: 0,
    tags: ['hybrid models', 'scientific ML'],
    needs: [0, 7, 5],
  },
  {
    title: 'Twins in the electronic health record',
    summary:
      'Show the twin inside the EHR where clinicians already work, with the data it used and when it was last updated.',
    area: 3,
    theme: 2,
    tags: ['EHR', 'workflow'],
    needs: [6, 4, 5],
  },
  {
    title: 'Consent that follows the twin',
    summary:
      'Dynamic consent for the data a twin keeps using, so patients can see and change what it learns from.',
    area: 4,
    theme: 2,
    tags: ['consent', 'governance'],
    needs: [6, 4],
  },
  {
    title: 'Metastasis risk twins',
    summary:
      'Predict where and when metastases are likely, combining imaging, pathology and circulating tumour DNA.',
    area: 2,
    theme: 0,
    tags: ['metastasis', 'ctDNA'],
    needs: [3, 0, 1],
  },
  {
    title: 'Spatial omics for the tumour twin',
    summary: 'Use spatial transcriptomics to initialise the cell layout of the tumour twin.',
    area: 1,
    theme: 0,
    tags: ['spatial omics'],
    needs: [1, 7],
  },
];

const MENTOR_COMMENTS = [
  'Which data would you need in the first three months, and who holds it?',
  'How would you know the twin is wrong for a given patient?',
  'This overlaps with another idea on the board: worth talking to its champions.',
  'Think about what a clinician would do differently with this prediction.',
];

export interface DemoIdeasInput {
  labId: string;
  organiser: Actor;
  participants: Actor[];
  mentors: Actor[];
  disciplines: string[];
}

/**
 * The ideas board of the live-workshop demo lab, through the same services as the API:
 * twenty-one ideas over five challenge areas under three themes, revisions, mentors'
 * comments with replies (some addressed), supporters, one merge (so twenty stay on the
 * board), a closed voting session every participant and mentor voted in, and a shortlist of
 * the eight ideas with the most dots.
 */
export async function seedDemoIdeasBoard(
  app: INestApplicationContext,
  input: DemoIdeasInput,
): Promise<void> {
  const { labId, organiser, participants, mentors, disciplines } = input;
  const board = app.get(IdeaBoardService);
  const ideas = app.get(IdeasService);
  const discussion = app.get(IdeaDiscussionService);
  const curation = app.get(IdeaCurationService);
  const merges = app.get(IdeaMergesService);
  const voting = app.get(VotingService);
  const shortlist = app.get(IdeasShortlist);

  const settings = await board.get(organiser, labId);
  await board.put(organiser, labId, {
    version: settings.version,
    challengeAreas: CHALLENGE_AREAS,
    summaryWordLimit: 200,
  });
  const themes = [];
  for (const name of THEMES) themes.push(await board.createTheme(organiser, labId, { name }));

  const posted: { id: string; champions: Actor[] }[] = [];
  for (const [i, idea] of IDEAS.entries()) {
    const champion = participants[i % participants.length];
    const coChampion = participants[(i * 7 + 3) % participants.length];
    const view = await ideas.create(champion, labId, {
      title: idea.title,
      summary: idea.summary,
      challengeArea: CHALLENGE_AREAS[idea.area],
      tags: idea.tags,
      disciplinesNeeded: idea.needs.map((d) => disciplines[d % disciplines.length]),
      coChampions: i % 3 === 0 && coChampion.userId !== champion.userId ? [coChampion.userId] : [],
    });
    posted.push({ id: view.id, champions: [champion] });
    await curation.setTheme(organiser, labId, view.id, themes[idea.theme].id);
  }

  // Mentors criticise, champions answer and revise.
  for (const [i, idea] of posted.entries()) {
    if (i % 2 === 1) continue;
    const mentor = mentors[i % mentors.length];
    const comment = await discussion.comment(mentor, labId, idea.id, {
      body: MENTOR_COMMENTS[i % MENTOR_COMMENTS.length],
    });
    await discussion.comment(idea.champions[0], labId, idea.id, {
      body: 'Good question: we have revised the summary to say so.',
      parentId: comment.id,
    });
    const current = await ideas.get(idea.champions[0], labId, idea.id);
    await ideas.edit(idea.champions[0], labId, idea.id, {
      version: current.version,
      summary: `${current.summary} First step: a retrospective study on an existing cohort.`,
      note: 'Answered the mentor’s question',
    });
    if (i % 4 === 0)
      await discussion.markAddressed(idea.champions[0], labId, idea.id, comment.id, true);
  }
  for (const [p, person] of participants.entries()) {
    for (const k of [0, 1]) {
      const idea = posted[(p * 3 + k * 5) % posted.length];
      if (!idea.champions.some((c) => c.userId === person.userId))
        await discussion.setSupport(person, labId, idea.id, true);
    }
  }

  // The last idea is merged into the first (same subject): twenty stay on the board.
  const kept = posted[0];
  const merged = posted[posted.length - 1];
  await merges.propose(organiser, labId, { targetIdeaId: kept.id, sourceIdeaIds: [merged.id] });

  // A voting session everyone took part in, now closed.
  const active = posted.slice(0, -1);
  const session = await voting.open(organiser, labId, {
    title: 'Which ideas should teams form around?',
    dotBudget: 5,
    perIdeaCap: 2,
    blind: true,
    durationSeconds: 3600,
  });
  const voters = [...participants, ...mentors];
  for (const [v, voter] of voters.entries()) {
    for (let dot = 0; dot < 5; dot++) {
      // Popular ideas get more dots: a skewed but deterministic choice.
      const pick = active[((v * 7 + dot * 3) % 11) % active.length];
      await voting
        .placeDot(voter, labId, session.id, { ideaId: pick.id, delta: 1 })
        .catch(() => undefined); // over the cap: that dot goes nowhere, as a voter's would
    }
  }
  const closed = await voting.close(organiser, labId, session.id);
  const top = (closed.results ?? []).filter((r) => r.status === 'active').slice(0, 8);
  const current = await shortlist.get(organiser, labId);
  await shortlist.put(organiser, labId, {
    version: current.version,
    ideaIds: top.map((r) => r.ideaId),
  });
}
