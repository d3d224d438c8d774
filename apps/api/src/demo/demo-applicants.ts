import type { INestApplicationContext } from '@nestjs/common';
import { createSeededRandom, seededUniform, type Actor } from '@ideas-lab/domain';
import {
  ApplicationFormsService,
  ApplicationsService,
  type FormQuestionInput,
} from '@ideas-lab/applications';
import { IdentityService } from '@ideas-lab/identity';
import { LabsService } from '@ideas-lab/labs';
import {
  ReviewAssignmentService,
  ReviewersService,
  ReviewRubricService,
  ReviewsService,
} from '@ideas-lab/review';

export const DEMO_APPLICANT_COUNT = 130;
export const demoApplicantEmail = (i: number) =>
  `applicant${String(i).padStart(3, '0')}@ideas-lab.test`;

/** About forty institutions: name, country, organisation type (from the demo lab's taxonomy). */
const INSTITUTIONS: [string, string, string][] = [
  ['Argonne National Laboratory', 'US', 'national laboratory'],
  ['Oak Ridge National Laboratory', 'US', 'national laboratory'],
  ['Lawrence Livermore National Laboratory', 'US', 'national laboratory'],
  ['Los Alamos National Laboratory', 'US', 'national laboratory'],
  ['Frederick National Laboratory for Cancer Research', 'US', 'national laboratory'],
  ['Pacific Northwest National Laboratory', 'US', 'national laboratory'],
  ['University of Chicago', 'US', 'university'],
  ['Stanford University', 'US', 'university'],
  ['University of Texas at Austin', 'US', 'university'],
  ['Johns Hopkins University', 'US', 'university'],
  ['University of Michigan', 'US', 'university'],
  ['Georgia Institute of Technology', 'US', 'university'],
  ['University of Washington', 'US', 'university'],
  ['Duke University', 'US', 'university'],
  ['University of Toronto', 'CA', 'university'],
  ['McGill University', 'CA', 'university'],
  ['University of Oxford', 'GB', 'university'],
  ['University of Edinburgh', 'GB', 'university'],
  ['Imperial College London', 'GB', 'university'],
  ['ETH Zurich', 'CH', 'university'],
  ['Karolinska Institutet', 'SE', 'university'],
  ['Heidelberg University', 'DE', 'university'],
  ['Technical University of Munich', 'DE', 'university'],
  ['University of Amsterdam', 'NL', 'university'],
  ['Seoul National University', 'KR', 'university'],
  ['University of Melbourne', 'AU', 'university'],
  ['MD Anderson Cancer Center', 'US', 'cancer centre or hospital'],
  ['Memorial Sloan Kettering Cancer Center', 'US', 'cancer centre or hospital'],
  ['Moffitt Cancer Center', 'US', 'cancer centre or hospital'],
  ['Dana-Farber Cancer Institute', 'US', 'cancer centre or hospital'],
  ['Mayo Clinic', 'US', 'cancer centre or hospital'],
  ['Princess Margaret Cancer Centre', 'CA', 'cancer centre or hospital'],
  ['German Cancer Research Center', 'DE', 'cancer centre or hospital'],
  ['IBM Research', 'US', 'industry'],
  ['NVIDIA', 'US', 'industry'],
  ['Philips Healthcare', 'NL', 'industry'],
  ['Siemens Healthineers', 'DE', 'industry'],
  ['National Cancer Institute', 'US', 'government'],
  ['U.S. Food and Drug Administration', 'US', 'government'],
  ['Chan Zuckerberg Biohub', 'US', 'non-profit'],
  ['Broad Institute', 'US', 'non-profit'],
];

const FIRST = [
  'Aisha',
  'Bruno',
  'Camila',
  'Dmitri',
  'Elena',
  'Felix',
  'Grace',
  'Hiro',
  'Ines',
  'Jamal',
  'Kavya',
  'Liam',
  'Maya',
  'Nikolai',
  'Olu',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Valeria',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Adeyemi',
  'Becker',
  'Castillo',
  'Dubois',
  'Eriksson',
  'Fischer',
  'Gupta',
  'Hashimoto',
  'Ivanova',
  'Jensen',
  'Kim',
  'Lopez',
  'Murphy',
  'Nguyen',
  'Okonkwo',
  'Patel',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Wang',
  'Yilmaz',
  'Zhou',
];
const KEYWORDS: Record<string, string[]> = {
  AI: ['deep learning', 'reinforcement learning', 'causal inference', 'foundation models'],
  bioinformatics: ['single-cell RNA-seq', 'genomics pipelines', 'proteomics', 'tumour evolution'],
  'biomedical engineering': ['medical imaging', 'microfluidics', 'biosensors', 'organ-on-chip'],
  'cancer research': ['tumour microenvironment', 'immunotherapy', 'drug resistance', 'metastasis'],
  'clinical practice': ['oncology', 'radiotherapy planning', 'clinical trials', 'patient outcomes'],
  'computational and data science': [
    'HPC',
    'uncertainty quantification',
    'data assimilation',
    'workflows',
  ],
  'healthcare delivery': [
    'health economics',
    'care pathways',
    'EHR data',
    'implementation science',
  ],
  'mathematical modelling': ['ODE models', 'agent-based models', 'PDE models', 'model calibration'],
};
const ROLES = ['modeller', 'clinician', 'data scientist', 'experimentalist', 'engineer'];

const FORM: FormQuestionInput[] = [
  {
    id: 'motivation',
    type: 'long_text',
    label: 'Why do you want to take part in this Ideas Lab?',
    required: true,
    wordLimit: 250,
  },
  {
    id: 'contribution',
    type: 'long_text',
    label: 'What would you bring to a digital twin team?',
    required: true,
    wordLimit: 250,
  },
  {
    id: 'role',
    type: 'single_choice',
    label: 'Which role suits you best?',
    required: true,
    options: ROLES,
  },
  { id: 'website', type: 'url', label: 'A page about your work', required: false },
  {
    id: 'conduct',
    type: 'yes_no',
    label: 'I accept the code of conduct and will attend all five days',
    required: true,
    requireYes: true,
  },
] as FormQuestionInput[];

export const DEMO_RUBRIC = {
  criteria: [
    {
      id: 'expertise',
      label: 'Relevant expertise',
      description:
        'Depth in one of the eight areas, and how it serves a cancer patient digital twin.',
      weight: 3,
      scale: { min: 1, max: 5 },
    },
    {
      id: 'collaboration',
      label: 'Ability to collaborate',
      description: 'Evidence of working across disciplines.',
      weight: 2,
      scale: { min: 1, max: 5 },
    },
    {
      id: 'communication',
      label: 'Communication',
      description: 'Clear to people outside their field.',
      weight: 1,
      scale: { min: 1, max: 5 },
    },
    {
      id: 'creativity',
      label: 'Creativity',
      description: 'Original, risk-taking ideas.',
      weight: 2,
      scale: { min: 1, max: 5 },
    },
    {
      id: 'fit',
      label: 'Fit to the challenge',
      description: 'Would the lab be better with this person in it?',
      weight: 2,
      scale: { min: 1, max: 5 },
    },
  ],
  commentPrompt: 'What would this person bring to a team, and what worries you?',
};

/** How each of the six mentors scores: some harsh, some lenient, some noisier than others. */
const MENTOR_STYLES = [
  { bias: -0.9, noise: 0.5, institution: 'University of Chicago' },
  { bias: 0.8, noise: 0.4, institution: 'Heidelberg University' },
  { bias: 0, noise: 0.8, institution: 'Imperial College London' },
  { bias: -0.3, noise: 0.4, institution: 'Moffitt Cancer Center' },
  { bias: 0.5, noise: 0.6, institution: 'Seoul National University' },
  { bias: -1.3, noise: 0.3, institution: 'Argonne National Laboratory' },
];

export interface DemoApplicantsInput {
  labId: string;
  organiser: Actor;
  mentors: Actor[];
  /** One hash for every applicant: argon2 130 times would make the first start slow. */
  passwordHash: string;
  disciplines: string[];
  careerStages: string[];
  seed?: string;
}

/** The demo's application form: published before the call opens (a call needs one). */
export async function publishDemoApplicationForm(
  app: INestApplicationContext,
  labId: string,
  organiser: Actor,
): Promise<void> {
  await app.get(ApplicationFormsService).publish(organiser, labId, FORM);
}

/**
 * 130 synthetic applicants with submitted applications, the rubric, an automatic reviewer
 * assignment (3 per application over the six mentors) and the mentors' reviews: the demo lab
 * is ready for the selection of 30. Deterministic for a seed; skipped when already there.
 */
export async function seedDemoApplicants(
  app: INestApplicationContext,
  input: DemoApplicantsInput,
): Promise<boolean> {
  const identity = app.get(IdentityService);
  if (await identity.findProfileByEmail(demoApplicantEmail(1))) return false;
  const applications = app.get(ApplicationsService);
  const random = createSeededRandom({ seed: input.seed ?? 'ideas-lab-demo' });
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const { organiser, labId } = input;

  // Every random draw happens here, in order, so the applicants are the same on every machine.
  const stageWeights = [0.12, 0.2, 0.28, 0.25, 0.15];
  const stageOf = () => {
    let r = random();
    for (let i = 0; i < stageWeights.length; i++)
      if ((r -= stageWeights[i]) < 0) return input.careerStages[i];
    return input.careerStages[input.careerStages.length - 1];
  };
  const people = Array.from({ length: DEMO_APPLICANT_COUNT }, (_, n) => {
    const i = n + 1;
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const [institution, country, organisationType] =
      INSTITUTIONS[(i * 7 + Math.floor(random() * 3)) % INSTITUTIONS.length];
    // The eight areas are covered evenly, with some drift; careers lean towards the middle.
    const primary =
      random() < 0.75 ? input.disciplines[i % input.disciplines.length] : pick(input.disciplines);
    const secondary = random() < 0.6 ? pick(input.disciplines.filter((d) => d !== primary)) : null;
    const role = pick(ROLES);
    const keywords = KEYWORDS[primary] ?? ['modelling'];
    return {
      i,
      name,
      quality: normal(),
      missesADay: random() < 0.05,
      profile: {
        name,
        affiliation: institution,
        organisationType,
        careerStage: stageOf(),
        disciplines: secondary ? [primary, secondary] : [primary],
        primaryDiscipline: primary,
        expertiseKeywords: [...new Set([pick(keywords), pick(keywords)])],
        country,
        links:
          random() < 0.4
            ? [`https://example.org/people/applicant${String(i).padStart(3, '0')}`]
            : [],
      },
      answers: {
        motivation: `I work on ${pick(keywords)} and want to test it against real patient trajectories with clinicians and modellers.`,
        contribution: `As a ${role}, I can bring ${pick(KEYWORDS[secondary ?? primary] ?? keywords)} to a team building a cancer patient digital twin.`,
        role,
        conduct: true,
      },
    };
  });

  // Through the same services as the API (validation, versions, audit), a few at a time.
  const quality = new Map<string, number>();
  const indexOf = new Map<string, number>();
  await inParallel(people, 5, async (person) => {
    const account = await identity.createAccount({
      email: demoApplicantEmail(person.i),
      displayName: person.name,
      passwordHash: input.passwordHash,
      isAdmin: false,
    });
    const actor = { userId: account.id, isAdmin: false };
    const started = await applications.start(actor, labId);
    const days = started.availability.workshopDays;
    const updated = await applications.update(actor, started.id, {
      version: started.version,
      profile: {
        ...person.profile,
        availability: Object.fromEntries(
          days.map((d, j) => [d, !(person.missesADay && j === days.length - 1)]),
        ),
      },
      answers: person.answers,
    });
    await applications.submit(actor, started.id, updated.version);
    quality.set(started.id, person.quality);
    indexOf.set(started.id, person.i);
  });

  const reviewers = app.get(ReviewersService);
  const reviews = app.get(ReviewsService);
  const assignments = app.get(ReviewAssignmentService);
  await app.get(ReviewRubricService).put(organiser, labId, DEMO_RUBRIC);
  for (const [m, mentor] of input.mentors.entries()) {
    await reviewers.declare(mentor, labId, {
      institution: MENTOR_STYLES[m % MENTOR_STYLES.length].institution,
    });
  }
  const run = await assignments.run(organiser, labId, {
    reviewsPerApplication: 3,
    reviewerIds: input.mentors.map((m) => m.userId),
  });
  if (!run.complete)
    throw new Error(`demo reviewer assignment incomplete: ${run.problems.join('; ')}`);
  const assigned = (await assignments.list(organiser, labId)).assignments;

  // A mentor's score depends on the applicant, the mentor's style and noise keyed by both,
  // so it does not depend on the order of the assignments.
  const seed = input.seed ?? 'ideas-lab-demo';
  const noise = (key: string) =>
    Math.sqrt(-2 * Math.log(1 - seededUniform({ seed, key: `${key}/a` }))) *
    Math.cos(2 * Math.PI * seededUniform({ seed, key: `${key}/b` }));
  const mentorIndex = new Map(input.mentors.map((m, i) => [m.userId, i]));
  const byMentor = input.mentors.map((mentor) => ({
    mentor,
    rows: assigned.filter((a) => a.reviewerId === mentor.userId),
  }));
  // One lane per mentor, as six people reviewing at once would.
  await inParallel(byMentor, byMentor.length, async ({ mentor, rows }) => {
    const m = mentorIndex.get(mentor.userId) as number;
    const style = MENTOR_STYLES[m % MENTOR_STYLES.length];
    for (const a of rows) {
      const q = quality.get(a.applicationId) ?? 0;
      const key = `${indexOf.get(a.applicationId)}/${m}`;
      const scores = Object.fromEntries(
        DEMO_RUBRIC.criteria.map((c) => [
          c.id,
          Math.max(
            1,
            Math.min(
              5,
              Math.round(3.2 + 0.9 * q + style.bias + style.noise * noise(`${key}/${c.id}`)),
            ),
          ),
        ]),
      );
      const mean =
        Object.values(scores).reduce((sum, v) => sum + v, 0) / DEMO_RUBRIC.criteria.length;
      const comment =
        mean >= 4
          ? 'Strong fit; would anchor a team.'
          : mean >= 3
            ? 'Solid; depends on the mix of the cohort.'
            : 'Not convinced this is the right lab for them.';
      await reviews.submit(mentor, labId, a.applicationId, { scores, comment });
    }
  });
  // Applications were submitted and reviewed: the call is over and selection can begin.
  await app.get(LabsService).changePhase(organiser, labId, { to: 'selection' });
  return true;
}

/** Run `work` over `items`, at most `lanes` at a time; the first failure stops the rest. */
async function inParallel<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
