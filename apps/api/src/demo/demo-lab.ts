import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { IdentityService } from '@ideas-lab/identity';
import { LabsService, MembershipsService } from '@ideas-lab/labs';
import {
  DEMO_APPLICANT_COUNT,
  demoApplicantEmail,
  publishDemoApplicationForm,
  seedDemoApplicants,
} from './demo-applicants.js';
import { seedDemoReviewLab } from './demo-review.js';
import { seedDemoWorkshopLab } from './demo-workshop.js';

export { DEMO_WORKSHOP_LAB } from './demo-workshop.js';

/** The 2020 NCI–DOE Ideas Lab, as the demo lab. */
export const DEMO_LAB = {
  slug: 'cancer-digital-twin',
  title: 'Toward Building a Cancer Patient Digital Twin',
  theme: 'Predictive, patient-specific computational models for cancer care',
  expertiseExamples: 'mechanistic models, tumour growth, clinical trial design',
  description:
    'A five-day virtual Ideas Lab bringing together computational scientists, cancer researchers and clinicians ' +
    'to generate ideas toward a cancer patient digital twin: a model of an individual patient that is updated ' +
    'with their data and used to predict the course of their disease and their response to treatment. ' +
    'Participants form multidisciplinary teams and write seed-funding proposals, guided by mentors.',
  timezone: 'America/New_York',
  capacity: 30,
  disciplines: [
    'AI',
    'bioinformatics',
    'biomedical engineering',
    'cancer research',
    'clinical practice',
    'computational and data science',
    'healthcare delivery',
    'mathematical modelling',
  ],
  careerStages: [
    'graduate student',
    'postdoctoral researcher',
    'early career',
    'mid career',
    'senior',
  ],
  organisationTypes: [
    'university',
    'national laboratory',
    'cancer centre or hospital',
    'industry',
    'government',
    'non-profit',
  ],
};

export const DEMO_PASSWORD = 'ideas-lab-demo';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface DemoSeedResult {
  /** Whether the demo (accounts and the selection lab) was created now. */
  created: boolean;
  /** The lab in selection, when created now. */
  labId: string | null;
  /** The lab in its workshop (DEMO_WORKSHOP_LAB), when created now: also added to older demos. */
  workshopLabId: string | null;
  /** The lab in review (DEMO_REVIEW_LAB), when created now: also added to older demos. */
  reviewLabId: string | null;
  logins: DemoLogin[];
}

const MENTOR_EMAILS = [1, 2, 3, 4, 5, 6].map((i) => `mentor${i}@ideas-lab.test`);

const DAY = 86_400_000;

/**
 * Create the demo lab with an admin, an organiser and six mentors, then 130 applicants with
 * submitted, reviewed applications (see demo-applicants.ts), leaving the lab in selection;
 * then a second lab in its workshop, with applicant001..030 as participants (demo-workshop.ts).
 * A demo seeded before the second lab existed gets it added.
 * Known passwords only in development; elsewhere each staff account gets a random password and
 * the applicants one shared random password, printed once.
 */
export async function seedDemoLab(
  app: INestApplicationContext,
  options: { knownPasswords: boolean; now?: Date },
): Promise<DemoSeedResult> {
  const identity = app.get(IdentityService);
  const labs = app.get(LabsService);
  const memberships = app.get(MembershipsService);
  const existingAdmin = await identity.findProfileByEmail('admin@ideas-lab.test');
  if (existingAdmin) {
    const organiser = await identity.findProfileByEmail('organiser@ideas-lab.test');
    const people = organiser && {
      admin: { userId: existingAdmin.id, isAdmin: true },
      organiser: { userId: organiser.id, isAdmin: false },
      now: options.now ?? new Date(),
    };
    const workshopLabId =
      people && (await identity.findProfileByEmail(demoApplicantEmail(30)))
        ? await seedWorkshop(app, people)
        : null;
    const reviewLabId =
      people && (await identity.findProfileByEmail(demoApplicantEmail(60)))
        ? await seedReview(app, people)
        : null;
    return { created: false, labId: null, workshopLabId, reviewLabId, logins: [] };
  }

  const password = () =>
    options.knownPasswords ? DEMO_PASSWORD : randomBytes(12).toString('base64url');
  const people = [
    { role: 'admin', email: 'admin@ideas-lab.test', displayName: 'Platform Admin', isAdmin: true },
    {
      role: 'organiser',
      email: 'organiser@ideas-lab.test',
      displayName: 'Olivia Organiser',
      isAdmin: false,
    },
    ...[
      'Amira Haddad',
      'Benedikt Vogel',
      'Chiara Rossi',
      'Daniel Okafor',
      'Eun-ji Park',
      'Farid Rahimi',
    ].map((displayName, i) => ({
      role: 'mentor',
      email: `mentor${i + 1}@ideas-lab.test`,
      displayName,
      isAdmin: false,
    })),
  ];
  const logins: DemoLogin[] = [];
  const ids: Record<string, string> = {};
  for (const person of people) {
    const secret = password();
    const profile = await identity.createAccount({
      email: person.email,
      displayName: person.displayName,
      passwordHash: await identity.hashPassword(secret),
      isAdmin: person.isAdmin,
    });
    ids[person.email] = profile.id;
    logins.push({ role: person.role, email: person.email, password: secret });
  }

  const admin = { userId: ids['admin@ideas-lab.test'], isAdmin: true };
  const now = options.now ?? new Date();
  const at = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const lab = await labs.create(admin, {
    slug: DEMO_LAB.slug,
    title: DEMO_LAB.title,
    theme: DEMO_LAB.theme,
    description: DEMO_LAB.description,
    expertiseExamples: DEMO_LAB.expertiseExamples,
    timezone: DEMO_LAB.timezone,
    capacity: DEMO_LAB.capacity,
    dates: {
      applicationsOpenAt: at(-7, 13),
      applicationsCloseAt: at(30, 21),
      workshopStartAt: at(60, 15),
      workshopEndAt: at(64, 21),
      proposalsDueAt: at(90, 21),
    },
    taxonomy: {
      disciplines: DEMO_LAB.disciplines,
      careerStages: DEMO_LAB.careerStages,
      organisationTypes: DEMO_LAB.organisationTypes,
    },
    teamSize: { min: 3, max: 6 },
    funding: { pool: 1_000_000, currency: 'USD' },
  });
  await memberships.addMember(admin, lab.id, 'organiser@ideas-lab.test', 'organiser');
  for (let i = 1; i <= 6; i++)
    await memberships.addMember(admin, lab.id, `mentor${i}@ideas-lab.test`, 'mentor');
  const organiser = { userId: ids['organiser@ideas-lab.test'], isAdmin: false };
  await publishDemoApplicationForm(app, lab.id, organiser);
  await labs.changePhase(organiser, lab.id, { to: 'applications_open' });

  const applicantPassword = password();
  await seedDemoApplicants(app, {
    labId: lab.id,
    organiser,
    mentors: MENTOR_EMAILS.map((email) => ({ userId: ids[email], isAdmin: false })),
    passwordHash: await identity.hashPassword(applicantPassword),
    disciplines: DEMO_LAB.disciplines,
    careerStages: DEMO_LAB.careerStages,
  });
  logins.push({
    role: 'applicant',
    email: `${demoApplicantEmail(1)} … ${demoApplicantEmail(DEMO_APPLICANT_COUNT)}`,
    password: applicantPassword,
  });
  const workshopLabId = await seedWorkshop(app, { admin, organiser, now });
  const reviewLabId = await seedReview(app, { admin, organiser, now });
  return { created: true, labId: lab.id, workshopLabId, reviewLabId, logins };
}

function seedReview(
  app: INestApplicationContext,
  people: {
    admin: { userId: string; isAdmin: boolean };
    organiser: { userId: string; isAdmin: boolean };
    now: Date;
  },
): Promise<string | null> {
  return seedDemoReviewLab(app, {
    ...people,
    organiserEmail: 'organiser@ideas-lab.test',
    mentorEmails: MENTOR_EMAILS,
    disciplines: DEMO_LAB.disciplines,
    careerStages: DEMO_LAB.careerStages,
    organisationTypes: DEMO_LAB.organisationTypes,
    theme: DEMO_LAB.theme,
    description:
      `${DEMO_LAB.description} This copy is after its workshop: six teams submitted seed-funding ` +
      'proposals to a round whose pool fits five awards, and review has begun.',
    timezone: DEMO_LAB.timezone,
  });
}

function seedWorkshop(
  app: INestApplicationContext,
  people: {
    admin: { userId: string; isAdmin: boolean };
    organiser: { userId: string; isAdmin: boolean };
    now: Date;
  },
): Promise<string | null> {
  return seedDemoWorkshopLab(app, {
    ...people,
    organiserEmail: 'organiser@ideas-lab.test',
    mentorEmails: MENTOR_EMAILS,
    disciplines: DEMO_LAB.disciplines,
    careerStages: DEMO_LAB.careerStages,
    organisationTypes: DEMO_LAB.organisationTypes,
    theme: DEMO_LAB.theme,
    description:
      `${DEMO_LAB.description} This copy is in its workshop: the agenda runs from yesterday, and ` +
      "today's breakout rotation is planned, ready to open from the control room.",
    timezone: DEMO_LAB.timezone,
  });
}
