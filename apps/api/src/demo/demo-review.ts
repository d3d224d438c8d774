import type { INestApplicationContext } from '@nestjs/common';
import type { Actor, BudgetLine } from '@ideas-lab/domain';
import { LabsService } from '@ideas-lab/labs';
import { FundingRoundsService, ProposalsService } from '@ideas-lab/proposals';
import {
  ProposalAssignmentService,
  ProposalPanelService,
  ProposalReviewsService,
} from '@ideas-lab/proposal-review';
import { ReviewersService } from '@ideas-lab/review';
import { TeamsService } from '@ideas-lab/workshop';
import { seedDemoFunding } from './demo-funding.js';
import {
  createDemoLabInWorkshop,
  demoMentors,
  type DemoLabInput,
  type DemoTeam,
} from './demo-lab-setup.js';
import { seedDemoPitches } from './demo-pitches.js';
import { zonedTime } from './demo-workshop.js';

/**
 * The third demo lab: the 2020 story after the workshop. Six teams wrote seed-funding
 * proposals and submitted them; the round's pool fits five awards of at most the cap, so the
 * review and funding screens have a real decision to make.
 */
export const DEMO_REVIEW_LAB = {
  slug: 'cancer-digital-twin-review',
  title: 'Cancer Patient Digital Twin — proposals in review (demo)',
  /** applicant031..060: teams of five. */
  firstParticipant: 31,
  teamSize: 5,
  round: { name: 'Seed funding 2020', pool: 250_000, awardCap: 50_000, currency: 'USD' },
};

interface DemoProposal {
  team: string;
  title: string;
  challengeArea: string;
  abstract: string;
  aims: string;
  approach: string;
  milestones: { title: string; due: string; description: string }[];
  roles: string[];
  budget: BudgetLine[];
}

const line = (category: BudgetLine['category'], description: string, amount: number) => ({
  category,
  description,
  amount,
});

/** Six proposals shaped like the 2020 lab's: each a different part of the challenge. */
const PROPOSALS: DemoProposal[] = [
  {
    team: 'Tumour response twins',
    title: 'Patient-specific models of tumour response to radiotherapy',
    challengeArea: 'Predicting response to treatment',
    abstract:
      'We calibrate a mechanistic model of tumour growth to each patient’s serial MRI and forecast their response to the next fraction of radiotherapy, with uncertainty.',
    aims: 'Calibrate the model for 40 retrospective patients; forecast response two weeks ahead; quantify how forecast uncertainty shrinks as scans arrive.',
    approach:
      'Reaction–diffusion models on segmented MRI, Bayesian calibration by ensemble Kalman inversion, validation against held-out follow-up scans.',
    milestones: [
      {
        title: 'Imaging pipeline',
        due: '2021-01',
        description: 'Segmentation and registration of the cohort',
      },
      {
        title: 'Calibrated forecasts',
        due: '2021-06',
        description: 'Two-week forecasts with intervals',
      },
    ],
    roles: ['Modelling lead', 'Imaging', 'Radiation oncology', 'HPC and workflows', 'Statistics'],
    budget: [
      line('personnel', 'Postdoctoral researcher, 6 months', 36_000),
      line('compute', 'GPU hours for ensemble calibration', 9_800),
      line('travel', 'Two team meetings', 4_000),
    ],
  },
  {
    team: 'Immune landscape',
    title: 'A digital twin of the tumour immune micro-environment',
    challengeArea: 'Understanding the tumour and its environment',
    abstract:
      'An agent-based model of T-cell infiltration fed by single-cell RNA-seq, to explain why some patients respond to checkpoint inhibitors and others do not.',
    aims: 'Build the agent-based model; fit it to 12 paired biopsies; name the features that separate responders.',
    approach:
      'Cell states from scRNA-seq clustering drive agent rules; approximate Bayesian computation fits rates; sensitivity analysis ranks features.',
    milestones: [
      {
        title: 'Agent rules from data',
        due: '2021-02',
        description: 'Cell states and transitions',
      },
      { title: 'Fitted to biopsies', due: '2021-07', description: 'Responder features ranked' },
    ],
    roles: [
      'Immunology',
      'Agent-based modelling',
      'Bioinformatics',
      'Clinical oncology',
      'Software',
    ],
    budget: [
      line('personnel', 'Graduate researcher, 9 months', 31_500),
      line('consumables', 'Single-cell sequencing of 4 samples', 12_000),
      line('compute', 'Cluster allocation', 5_000),
    ],
  },
  {
    team: 'Causal treatment effects',
    title: 'Causal machine learning for individual treatment effects from registries',
    challengeArea: 'Choosing among treatments',
    abstract:
      'We estimate individual treatment effects from a national cancer registry with causal forests, and test which estimates a twin could trust.',
    aims: 'Estimate effects of two adjuvant therapies; check calibration against trial subgroups; publish a reusable pipeline.',
    approach:
      'Doubly robust estimation with causal forests, sensitivity to unmeasured confounding, and comparison with published trial results.',
    milestones: [
      {
        title: 'Registry access and cohort',
        due: '2020-12',
        description: 'Data agreement and cohort definition',
      },
      {
        title: 'Effects with sensitivity bounds',
        due: '2021-05',
        description: 'Estimates and checks',
      },
    ],
    roles: [
      'Causal inference',
      'Epidemiology',
      'Data engineering',
      'Medical oncology',
      'Patient advocate',
    ],
    budget: [
      line('personnel', 'Data scientist, 6 months', 33_000),
      line('other', 'Registry data access fees', 11_250),
      line('travel', 'Registry site visit', 3_000),
    ],
  },
  {
    team: 'Digital pathology',
    title: 'From slides to simulation: digital pathology as the twin’s initial state',
    challengeArea: 'Understanding the tumour and its environment',
    abstract:
      'Whole-slide images become spatial initial conditions for tumour models, so each twin starts from the patient’s own tissue architecture.',
    aims: 'Segment cell types on 200 slides; turn them into model meshes; show forecasts depend on architecture.',
    approach:
      'Deep segmentation of H&E and multiplex slides, graph representations of tissue, and coupling to a continuum growth model.',
    milestones: [
      { title: 'Segmentation model', due: '2021-02', description: 'Validated on annotated slides' },
      {
        title: 'Slide-initialised forecasts',
        due: '2021-08',
        description: 'Architecture effects measured',
      },
    ],
    roles: [
      'Pathology',
      'Computer vision',
      'Mathematical modelling',
      'Software',
      'Clinical liaison',
    ],
    budget: [
      line('personnel', 'Research software engineer, 6 months', 34_000),
      line('equipment', 'Slide scanner time', 8_500),
      line('compute', 'GPU hours for segmentation', 6_500),
    ],
  },
  {
    team: 'Wearables and outcomes',
    title: 'Continuous patient-reported outcomes and wearables to update the twin between visits',
    challengeArea: 'Monitoring the patient over time',
    abstract:
      'Daily symptom reports and wearable data update a patient’s twin between clinic visits, flagging toxicity early.',
    aims: 'Run a 30-patient feasibility study; assimilate daily data into a toxicity model; measure early-warning lead time.',
    approach:
      'A smartphone app and wrist wearable, a state-space toxicity model updated by particle filtering, and clinician review of alerts.',
    milestones: [
      { title: 'App and ethics approval', due: '2021-01', description: 'Study ready to enrol' },
      { title: 'Feasibility results', due: '2021-09', description: 'Adherence and lead time' },
    ],
    roles: [
      'Nursing research',
      'Data assimilation',
      'Mobile health',
      'Medical oncology',
      'Biostatistics',
    ],
    budget: [
      line('equipment', 'Wearables for 30 patients', 9_000),
      line('personnel', 'Study coordinator, 6 months', 30_000),
      line('other', 'App hosting and support', 7_900),
    ],
  },
  {
    team: 'Uncertainty for clinicians',
    title: 'Communicating twin uncertainty to clinicians and patients',
    challengeArea: 'Using twins in the clinic',
    abstract:
      'A twin is only useful if its forecasts are understood: we design and test displays of forecast uncertainty with oncologists and patients.',
    aims: 'Co-design three uncertainty displays; test them with 24 clinicians and 24 patients; recommend one for twin interfaces.',
    approach:
      'Participatory design workshops, a randomised vignette study of decision quality, and think-aloud interviews.',
    milestones: [
      { title: 'Displays co-designed', due: '2021-02', description: 'Three candidate displays' },
      { title: 'Vignette study', due: '2021-07', description: 'Decision quality compared' },
    ],
    roles: [
      'Human–computer interaction',
      'Decision science',
      'Medical oncology',
      'Patient advocate',
      'Statistics',
    ],
    budget: [
      line('personnel', 'Design researcher, 6 months', 32_000),
      line('other', 'Participant compensation', 9_600),
      line('travel', 'Workshops at two sites', 7_400),
    ],
  },
];

/** The review demo lab takes the first lab's staff, taxonomy and words. */
export type DemoReviewInput = DemoLabInput;

/**
 * The review demo lab, through the same services as the API: the first lab's organiser and
 * mentors, applicant031..060 as participants in six teams of five, a funding round whose
 * deadline has passed, and each team's proposal written by its members and submitted; the
 * pitches scored, the proposals reviewed, and the funding decided (demo-funding.ts). The lab
 * is in review. Returns its id, or null when it already exists.
 */
export async function seedDemoReviewLab(
  app: INestApplicationContext,
  input: DemoReviewInput,
): Promise<string | null> {
  const labs = app.get(LabsService);
  if ((await labs.list(input.admin)).some((l) => l.slug === DEMO_REVIEW_LAB.slug)) return null;
  const teams = app.get(TeamsService);
  const rounds = app.get(FundingRoundsService);
  const proposals = app.get(ProposalsService);
  const { organiser, timezone } = input;
  const at = (day: number, time: string) => zonedTime(timezone, input.now, day, time);

  const created = await createDemoLabInWorkshop(app, input, {
    slug: DEMO_REVIEW_LAB.slug,
    title: DEMO_REVIEW_LAB.title,
    dates: {
      applicationsOpenAt: at(-90, '09:00'),
      applicationsCloseAt: at(-60, '17:00'),
      workshopStartAt: at(-40, '09:00'),
      workshopEndAt: at(-36, '17:00'),
      proposalsDueAt: at(-2, '17:00'),
    },
    pool: DEMO_REVIEW_LAB.round.pool,
    participants: Array.from(
      { length: PROPOSALS.length * DEMO_REVIEW_LAB.teamSize },
      (_, n) => DEMO_REVIEW_LAB.firstParticipant + n,
    ),
  });
  const lab = { id: created.labId };
  const people = created.participants;

  // The round opens with a deadline ahead so the teams can write; it is moved to two days ago
  // once every proposal is in, as it was when review began.
  const round = await rounds.create(organiser, lab.id, {
    name: DEMO_REVIEW_LAB.round.name,
    pool: DEMO_REVIEW_LAB.round.pool,
    awardCap: DEMO_REVIEW_LAB.round.awardCap,
    currency: DEMO_REVIEW_LAB.round.currency,
    proposalsDueAt: at(7, '17:00'),
    rubric: [
      {
        id: 'significance',
        label: 'Significance for the challenge',
        weight: 3,
        scale: { min: 1, max: 9 },
      },
      { id: 'approach', label: 'Approach', weight: 3, scale: { min: 1, max: 9 } },
      { id: 'team', label: 'Team and collaboration', weight: 2, scale: { min: 1, max: 9 } },
      { id: 'feasibility', label: 'Feasibility in a year', weight: 2, scale: { min: 1, max: 9 } },
    ],
  });
  const demoTeams: DemoTeam[] = [];
  for (const [t, proposal] of PROPOSALS.entries()) {
    const members = people.slice(t * DEMO_REVIEW_LAB.teamSize, (t + 1) * DEMO_REVIEW_LAB.teamSize);
    const team = await teams.create(organiser, lab.id, {
      name: proposal.team,
      memberIds: members.map((m) => m.userId),
    });
    const actors = members.map((m): Actor => ({ userId: m.userId, isAdmin: false }));
    demoTeams.push({ id: team.id, name: team.name, members: actors });
    const writer = (i: number) => actors[i % actors.length];
    const content = {
      title: proposal.title,
      abstract: proposal.abstract,
      aims: proposal.aims,
      approach: proposal.approach,
      challengeArea: proposal.challengeArea,
      milestones: proposal.milestones,
      teamRoles: members.map((m, i) => ({
        userId: m.userId,
        name: m.displayName,
        role: proposal.roles[i],
      })),
      budget: proposal.budget,
    };
    // Two members write it: a first draft without the budget, then the whole proposal.
    await proposals.save(writer(0), lab.id, round.id, team.id, {
      baseVersion: 0,
      content: { ...content, budget: [] },
    });
    const saved = await proposals.save(writer(1), lab.id, round.id, team.id, {
      baseVersion: 1,
      content,
    });
    await proposals.submit(writer(2), lab.id, round.id, team.id, { version: saved.version });
  }
  // The six teams pitched on the last workshop day; the six mentors scored them.
  const mentors = await demoMentors(app, input.mentorEmails);
  await seedDemoPitches(app, {
    labId: lab.id,
    organiser,
    mentors,
    teamIds: demoTeams.map((t) => t.id),
    startsAt: at(-37, '09:00'),
    endsAt: at(-37, '12:00'),
  });
  const current = await rounds.get(organiser, lab.id, round.id);
  await rounds.update(organiser, lab.id, round.id, {
    version: current.version,
    proposalsDueAt: at(-2, '17:00'),
  });
  await labs.changePhase(organiser, lab.id, { to: 'proposals' });
  await labs.changePhase(organiser, lab.id, { to: 'review' });
  await seedDemoProposalReview(app, { labId: lab.id, roundId: round.id, organiser, input });
  await seedDemoFunding(app, { labId: lab.id, roundId: round.id, organiser, teams: demoTeams, at });
  return lab.id;
}

/** The six mentors: where they work and what they bring (clinical or computational). */
const MENTOR_PROFILES = [
  { institution: 'MD Anderson Cancer Center', expertise: ['clinical', 'Oncology'] },
  { institution: 'Argonne National Laboratory', expertise: ['computational', 'HPC'] },
  { institution: 'Stanford University', expertise: ['clinical', 'Radiology'] },
  {
    institution: 'Oak Ridge National Laboratory',
    expertise: ['computational', 'Machine learning'],
  },
  { institution: 'Mayo Clinic', expertise: ['clinical', 'Pathology'] },
  {
    institution: 'Lawrence Livermore National Laboratory',
    expertise: ['computational', 'Modelling'],
  },
];

/** How strong each proposal reads (by PROPOSALS order) and how lenient each mentor scores. */
const QUALITY = [7.5, 6.5, 7, 5.5, 6, 4.5];
const LENIENCY = [1, 0, -1, 0.5, -0.5, 0];

const clampScore = (n: number) => Math.min(9, Math.max(1, Math.round(n)));

/**
 * Review in the demo lab: the mentors' institutions and expertise, an assignment run (three
 * mentors per proposal, a clinical and a computational one each), every review submitted with
 * scores, confidence and both comments, a panel discussion and a consensus report on the first
 * proposal, so the ranking is filled the moment the demo starts.
 */
async function seedDemoProposalReview(
  app: INestApplicationContext,
  ctx: { labId: string; roundId: string; organiser: Actor; input: DemoReviewInput },
): Promise<void> {
  const { labId, roundId, organiser, input } = ctx;
  const reviewers = app.get(ReviewersService);
  const assignment = app.get(ProposalAssignmentService);
  const reviews = app.get(ProposalReviewsService);
  const panel = app.get(ProposalPanelService);
  const mentors = await demoMentors(app, input.mentorEmails);
  for (const [m, mentor] of mentors.entries())
    await reviewers.declare(mentor, labId, MENTOR_PROFILES[m % MENTOR_PROFILES.length]);
  await assignment.run(organiser, labId, roundId, {
    reviewsPerProposal: 3,
    load: { min: 2, max: 4 },
    seed: 'demo-2020',
  });
  const rubricIds = ['significance', 'approach', 'team', 'feasibility'];
  const assigned = await assignment.list(organiser, labId, roundId);
  for (const a of assigned.assignments) {
    const m = mentors.findIndex((x) => x.userId === a.reviewerId);
    const t = PROPOSALS.findIndex((p) => p.title === a.title);
    const base = QUALITY[t] + LENIENCY[m];
    const scores = Object.fromEntries(
      rubricIds.map((id, i) => [id, clampScore(base + ((i + m + t) % 3) - 1)]),
    );
    await reviews.submit(mentors[m], labId, roundId, a.proposalId, {
      scores,
      confidence: 3 + ((m + t) % 3),
      teamComment:
        base >= 7
          ? 'A clear, ambitious plan that the challenge needs. Say early how you will validate the twin against outcomes.'
          : base >= 5.5
            ? 'A promising idea; the approach needs a sharper first milestone and a plan B if the data arrive late.'
            : 'The question matters, but the year plan tries too much: narrow it to one cohort and one model.',
      panelComment:
        base >= 7
          ? 'Fund. The team has worked together before the lab and the budget is realistic.'
          : 'Borderline: I would fund only with a narrower scope.',
    });
  }
  // The first proposal gets a discussion and a consensus report by its lead reviewer.
  const first = assigned.proposals.find((p) => p.title === PROPOSALS[0].title) ?? {
    proposalId: assigned.proposals[0].proposalId,
  };
  const panelists = assigned.assignments
    .filter((a) => a.proposalId === first.proposalId)
    .map((a) => mentors.find((m) => m.userId === a.reviewerId)!);
  await panel.post(panelists[0], labId, roundId, first.proposalId, {
    body: 'We agree on significance. My one worry is the imaging pipeline: who owns segmentation?',
  });
  await panel.post(panelists[1], labId, roundId, first.proposalId, {
    body: 'The imaging member runs that pipeline at her site already; I am reassured.',
  });
  await panel.setLead(organiser, labId, roundId, first.proposalId, {
    leadReviewerId: panelists[0].userId,
  });
  await panel.saveReport(panelists[0], labId, roundId, first.proposalId, {
    version: 0,
    recommendation: 'fund-with-changes',
    summary:
      'The panel rates this proposal highly for significance and approach. Fund, with one change: name a validation cohort of held-out patients in the first milestone.',
  });
}
