import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { LabsService, MembershipsService } from '@ideas-lab/labs';
import { demoApplicantEmail, publishDemoApplicationForm } from './demo-applicants.js';

/** What the second and third demo labs share with the first: its staff, taxonomy and words. */
export interface DemoLabInput {
  admin: Actor;
  organiser: Actor;
  organiserEmail: string;
  mentorEmails: string[];
  disciplines: string[];
  careerStages: string[];
  organisationTypes: string[];
  theme: string;
  description: string;
  timezone: string;
  now: Date;
}

/** One demo lab's own settings: where its dates fall and who takes part. */
export interface DemoLabSpec {
  slug: string;
  title: string;
  dates: {
    applicationsOpenAt: string;
    applicationsCloseAt: string;
    workshopStartAt: string;
    workshopEndAt: string;
    proposalsDueAt: string;
  };
  pool: number;
  /** Numbers of the demo applicants (applicant001…) who take part. */
  participants: number[];
}

/** A team of a demo lab: its members write, submit and later report. */
export interface DemoTeam {
  id: string;
  name: string;
  members: Actor[];
}

export interface DemoParticipant {
  userId: string;
  displayName: string;
}

/**
 * A demo lab brought to its workshop the way an organiser would: created with the first lab's
 * taxonomy, its organiser and mentors added, the application form published, the call opened
 * and closed, the chosen applicants made participants, the workshop begun. Returns the lab's id
 * and its participants in the order given.
 */
export async function createDemoLabInWorkshop(
  app: INestApplicationContext,
  input: DemoLabInput,
  spec: DemoLabSpec,
): Promise<{ labId: string; participants: DemoParticipant[] }> {
  const labs = app.get(LabsService);
  const memberships = app.get(MembershipsService);
  const identity = app.get(IdentityService);
  const { admin, organiser } = input;
  const lab = await labs.create(admin, {
    slug: spec.slug,
    title: spec.title,
    theme: input.theme,
    description: input.description,
    timezone: input.timezone,
    capacity: spec.participants.length,
    dates: spec.dates,
    taxonomy: {
      disciplines: input.disciplines,
      careerStages: input.careerStages,
      organisationTypes: input.organisationTypes,
    },
    teamSize: { min: 3, max: 6 },
    funding: { pool: spec.pool, currency: 'USD' },
  });
  await memberships.addMember(admin, lab.id, input.organiserEmail, 'organiser');
  for (const email of input.mentorEmails)
    await memberships.addMember(admin, lab.id, email, 'mentor');
  await publishDemoApplicationForm(app, lab.id, organiser);
  await labs.changePhase(organiser, lab.id, { to: 'applications_open' });
  await labs.changePhase(organiser, lab.id, { to: 'selection' });

  // The cohort: applicants of the first lab, confirmed here.
  const participants: DemoParticipant[] = [];
  for (const n of spec.participants) {
    const email = demoApplicantEmail(n);
    const person = await identity.findProfileByEmail(email);
    if (!person) throw new Error(`demo lab ${spec.slug}: no account ${email}`);
    await memberships.grantRole(organiser.userId, lab.id, person.id, 'participant');
    participants.push({ userId: person.id, displayName: person.displayName });
  }
  await labs.changePhase(organiser, lab.id, { to: 'workshop' });
  return { labId: lab.id, participants };
}

/** The demo's mentors as actors, in the order of their e-mail addresses. */
export async function demoMentors(
  app: INestApplicationContext,
  mentorEmails: readonly string[],
): Promise<Actor[]> {
  const identity = app.get(IdentityService);
  const mentors: Actor[] = [];
  for (const email of mentorEmails) {
    const person = await identity.findProfileByEmail(email);
    if (!person) throw new Error(`demo: no mentor account ${email}`);
    mentors.push({ userId: person.id, isAdmin: false });
  }
  return mentors;
}
