import { Injectable } from '@nestjs/common';
import {
  AuditService,
  PlatformError,
  TransactionRunner,
  type FieldProblem,
} from '@ideas-lab/platform';
import {
  answerShapeProblems,
  applicationProblems,
  decideApplicationDeadline,
  formatInTimezone,
  LAB_PHASE_LABELS,
  readOrcid,
  type Actor,
  type AnswerValue,
  type ApplicantProfile,
} from '@ideas-lab/domain';
import { IdentityService } from '@ideas-lab/identity';
import { LabAccessService, LabsService, MembershipsService } from '@ideas-lab/labs';
import { ApplicationFormsRepository } from './application-forms.repository.js';
import { ApplicationVersionsRepository } from './application-versions.repository.js';
import { labFacts, toApplicationView, type LabFacts } from './application-view.js';
import { ApplicationsError } from './applications.errors.js';
import { ApplicationsRepository } from './applications.repository.js';
import type {
  ApplicantProfileInput,
  ApplicationView,
  MyApplication,
  UpdateApplication,
} from './applications.contract.js';
import type { ApplicationFormEntity } from './entities/application-form.entity.js';
import type { ApplicationEntity } from './entities/application.entity.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const trimList = (values: string[]) => values.map((v) => v.trim()).filter((v) => v !== '');

/** Apply the profile fields a request names (null clears one), tidied as people type them. */
function mergeProfile(
  current: ApplicantProfile,
  changes: ApplicantProfileInput | undefined,
): ApplicantProfile {
  const profile: ApplicantProfile = { ...current };
  if (!changes) return profile;
  for (const [key, value] of Object.entries(changes) as [keyof ApplicantProfile, unknown][]) {
    if (value === undefined) continue;
    if (value === null) {
      delete profile[key];
      continue;
    }
    switch (key) {
      case 'disciplines':
      case 'expertiseKeywords':
      case 'links':
        profile[key] = trimList(value as string[]);
        break;
      case 'availability':
        profile.availability = value as Record<string, boolean>;
        break;
      case 'country':
        profile.country = (value as string).trim().toUpperCase();
        break;
      case 'orcid': {
        const reading = readOrcid(value as string);
        profile.orcid = reading.ok ? reading.orcid : (value as string).trim();
        break;
      }
      case 'name':
      case 'affiliation':
      case 'organisationType':
      case 'careerStage':
      case 'primaryDiscipline':
        profile[key] = (value as string).trim();
        break;
    }
  }
  return profile;
}

function availabilityShapeProblems(availability: unknown): FieldProblem[] {
  if (availability === undefined || availability === null) return [];
  return Object.entries(availability as Record<string, unknown>)
    .filter(([day, can]) => !DAY.test(day) || typeof can !== 'boolean')
    .map(([day]) => ({
      field: `profile.availability.${day}`,
      message: 'availability maps each workshop day (YYYY-MM-DD) to true or false',
    }));
}

/** Answers to questions the form no longer has are dropped when a draft moves to a newer form. */
function answersOnForm(
  answers: Record<string, AnswerValue>,
  form: ApplicationFormEntity,
): Record<string, AnswerValue> {
  const ids = new Set(form.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => ids.has(id)));
}

const versionConflict = (current: number, yours: number) =>
  new ApplicationsError(
    'APPLICATION_VERSION_CONFLICT',
    `This application changed since you loaded it (you edited version ${yours}, it is now version ${current}), perhaps in another tab. Reload it and apply your changes again.`,
    { currentVersion: current, yourVersion: yours },
  );

const withdrawn = () =>
  new ApplicationsError(
    'APPLICATION_WITHDRAWN',
    'This application was withdrawn; it can no longer change.',
  );

/** The applicant's side: start, autosave, submit, edit until the deadline, withdraw. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly versions: ApplicationVersionsRepository,
    private readonly forms: ApplicationFormsRepository,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly memberships: MembershipsService,
    private readonly identity: IdentityService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async start(actor: Actor, labId: string): Promise<ApplicationView> {
    const labView = await this.labs.get(actor, labId);
    const existing = await this.applications.findOfApplicantInLab(labId, actor.userId);
    if (existing) throw this.alreadyExists(existing.id);
    if (labView.myRoles.includes('organiser') || labView.myRoles.includes('mentor')) {
      throw new ApplicationsError(
        'APPLICANT_IS_LAB_STAFF',
        'Organisers and mentors of a lab cannot apply to it (mentors are honest brokers, never funded).',
      );
    }
    const lab = labFacts(labView);
    const now = new Date();
    this.assertAcceptingChanges(lab, null, now);
    const form = await this.forms.findCurrentOfLab(labId);
    if (!form)
      throw new ApplicationsError(
        'APPLICATION_FORM_NOT_PUBLISHED',
        'The organisers have not published the application form yet; try again later.',
      );
    const { displayName } = await this.identity.profile(actor.userId);
    return this.tx.run(async () => {
      const application = await this.applications.insert({
        labId,
        applicantId: actor.userId,
        formId: form.id,
        profile: { name: displayName },
      });
      if (!application) throw this.alreadyExists(null);
      await this.memberships.grantRole(actor.userId, labId, actor.userId, 'applicant');
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'application.started',
        entityType: 'application',
        entityId: application.id,
        data: { formVersion: form.version },
      });
      return toApplicationView({ application, form, lab, versions: [], now });
    });
  }

  /** The applicant's own application; organisers of its lab may read it too. Others learn nothing. */
  async get(actor: Actor, applicationId: string): Promise<ApplicationView> {
    const application = await this.applications.findById(applicationId);
    if (!application) throw ApplicationsError.notFound();
    if (application.applicantId !== actor.userId && !actor.isAdmin) {
      const roles = await this.access.rolesOf(actor, application.labId);
      if (!roles.includes('organiser')) throw ApplicationsError.notFound();
    }
    return this.view(actor, application);
  }

  async mine(actor: Actor): Promise<MyApplication[]> {
    const rows = await this.applications.findAllOfApplicant(actor.userId);
    return rows.map((r) => ({
      ...r,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /**
   * Autosave (partial). A draft follows the lab's current form and may be incomplete; a
   * submitted application keeps its form, must stay complete, and each edit is kept as a version.
   */
  async update(
    actor: Actor,
    applicationId: string,
    dto: UpdateApplication,
  ): Promise<ApplicationView> {
    return this.tx.run(async () => {
      const application = await this.ownForUpdate(actor, applicationId);
      if (application.status === 'withdrawn') throw withdrawn();
      if (dto.version !== application.version)
        throw versionConflict(application.version, dto.version);
      const lab = labFacts(await this.labs.get(actor, application.labId));
      const now = new Date();
      this.assertAcceptingChanges(lab, application.extensionUntil, now);
      const form =
        application.status === 'draft'
          ? await this.currentForm(lab.id)
          : await this.formOf(application);

      const answers = answersOnForm(application.answers, form);
      for (const [id, value] of Object.entries(dto.answers ?? {})) {
        if (value === null) delete answers[id];
        else answers[id] = value as AnswerValue;
      }
      const shapeProblems = [
        ...availabilityShapeProblems(dto.profile?.availability),
        ...answerShapeProblems(form.questions, dto.answers ?? {}),
      ];
      if (shapeProblems.length > 0) {
        throw new PlatformError(
          'VALIDATION_FAILED',
          `The request has ${shapeProblems.length === 1 ? 'a problem' : `${shapeProblems.length} problems`}: ${shapeProblems.map((p) => p.field).join(', ')}.`,
          shapeProblems,
        );
      }
      const profile = mergeProfile(application.profile, dto.profile);
      if (application.status === 'submitted') {
        const problems = applicationProblems({
          questions: form.questions,
          profile,
          answers,
          rules: { taxonomy: lab.taxonomy, workshopDays: lab.workshopDays },
        });
        if (problems.length > 0)
          throw this.incomplete(problems, 'A submitted application must stay complete');
      }
      if (
        !(await this.applications.updateIfVersion(application.id, dto.version, {
          profile,
          answers,
          formId: form.id,
        }))
      ) {
        throw versionConflict(application.version + 1, dto.version);
      }
      if (application.status === 'submitted') {
        await this.versions.insert({
          applicationId: application.id,
          version: dto.version + 1,
          kind: 'edited',
          formId: form.id,
          profile,
          answers,
          createdBy: actor.userId,
        });
        await this.audit.append({
          actorId: actor.userId,
          labId: application.labId,
          action: 'application.edited',
          entityType: 'application',
          entityId: application.id,
          data: {
            version: dto.version + 1,
            fields: [
              ...Object.keys(dto.profile ?? {}).map((k) => `profile.${k}`),
              ...Object.keys(dto.answers ?? {}).map((k) => `answers.${k}`),
            ],
          },
        });
      }
      return this.view(actor, (await this.applications.findById(application.id))!);
    });
  }

  async submit(
    actor: Actor,
    applicationId: string,
    expectedVersion: number | undefined,
  ): Promise<ApplicationView> {
    return this.tx.run(async () => {
      const application = await this.ownForUpdate(actor, applicationId);
      if (application.status === 'withdrawn') throw withdrawn();
      if (application.status === 'submitted') {
        throw new ApplicationsError(
          'APPLICATION_ALREADY_SUBMITTED',
          'This application is already submitted; you can still edit it until the deadline.',
        );
      }
      if (expectedVersion !== undefined && expectedVersion !== application.version)
        throw versionConflict(application.version, expectedVersion);
      const lab = labFacts(await this.labs.get(actor, application.labId));
      const now = new Date();
      this.assertAcceptingChanges(lab, application.extensionUntil, now);
      const form = await this.currentForm(lab.id);
      const answers = answersOnForm(application.answers, form);
      const { profile } = application;
      const problems = applicationProblems({
        questions: form.questions,
        profile,
        answers,
        rules: { taxonomy: lab.taxonomy, workshopDays: lab.workshopDays },
      });
      if (problems.length > 0)
        throw this.incomplete(problems, 'The application cannot be submitted yet');
      if (
        !(await this.applications.updateIfVersion(application.id, application.version, {
          status: 'submitted',
          submittedAt: now,
          formId: form.id,
          answers,
        }))
      ) {
        throw versionConflict(application.version + 1, application.version);
      }
      const version = application.version + 1;
      await this.versions.insert({
        applicationId: application.id,
        version,
        kind: 'submitted',
        formId: form.id,
        profile,
        answers,
        createdBy: actor.userId,
      });
      await this.audit.append({
        actorId: actor.userId,
        labId: application.labId,
        action: 'application.submitted',
        entityType: 'application',
        entityId: application.id,
        data: { version, formVersion: form.version },
      });
      return this.view(actor, (await this.applications.findById(application.id))!);
    });
  }

  /** Withdraw at any time, also after the deadline; a withdrawn application stays withdrawn. */
  async withdraw(actor: Actor, applicationId: string): Promise<ApplicationView> {
    return this.tx.run(async () => {
      const application = await this.ownForUpdate(actor, applicationId);
      if (application.status === 'withdrawn') throw withdrawn();
      await this.applications.updateIfVersion(application.id, application.version, {
        status: 'withdrawn',
        withdrawnAt: new Date(),
      });
      await this.audit.append({
        actorId: actor.userId,
        labId: application.labId,
        action: 'application.withdrawn',
        entityType: 'application',
        entityId: application.id,
        data: { from: application.status },
      });
      return this.view(actor, (await this.applications.findById(application.id))!);
    });
  }

  /** An organiser gives one applicant a later deadline than the lab's. */
  async grantExtension(
    actor: Actor,
    labId: string,
    applicationId: string,
    until: Date,
  ): Promise<ApplicationView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const lab = labFacts(await this.labs.get(actor, labId));
    return this.tx.run(async () => {
      const application = await this.applications.findByIdForUpdate(applicationId);
      if (!application || application.labId !== labId) throw ApplicationsError.notFound();
      if (application.status === 'withdrawn') throw withdrawn();
      if (until.getTime() <= Date.now()) {
        throw new ApplicationsError(
          'APPLICATION_EXTENSION_INVALID',
          'An extension must end in the future.',
          [{ field: 'until', message: 'until must be in the future' }],
        );
      }
      if (lab.applicationsCloseAt && until.getTime() <= lab.applicationsCloseAt.getTime()) {
        const closes = formatInTimezone(lab.applicationsCloseAt, lab.timezone);
        throw new ApplicationsError(
          'APPLICATION_EXTENSION_INVALID',
          `An extension must end after the lab's deadline (${closes}).`,
          [{ field: 'until', message: `until must be later than ${closes}` }],
        );
      }
      await this.applications.updateIfVersion(
        application.id,
        application.version,
        { extensionUntil: until, extensionGrantedBy: actor.userId },
        false,
      );
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'application.extension_granted',
        entityType: 'application',
        entityId: application.id,
        data: {
          until: until.toISOString(),
          applicantId: application.applicantId,
          previousUntil: application.extensionUntil?.toISOString() ?? null,
        },
      });
      return this.view(actor, (await this.applications.findById(application.id))!);
    });
  }

  private async view(actor: Actor, application: ApplicationEntity): Promise<ApplicationView> {
    // One after the other: inside a transaction these share one connection, and pg must not
    // be handed a second query while the first runs.
    const labView = await this.labs.get(actor, application.labId);
    const form = await this.formOf(application);
    const versions = await this.versions.findSummariesOfApplication(application.id);
    return toApplicationView({
      application,
      form,
      lab: labFacts(labView),
      versions,
      now: new Date(),
    });
  }

  /** Only the applicant changes an application; to anyone else it does not exist. */
  private async ownForUpdate(actor: Actor, applicationId: string): Promise<ApplicationEntity> {
    const application = await this.applications.findByIdForUpdate(applicationId);
    if (!application || application.applicantId !== actor.userId)
      throw ApplicationsError.notFound();
    return application;
  }

  private async formOf(application: ApplicationEntity): Promise<ApplicationFormEntity> {
    const form = await this.forms.findById(application.formId);
    if (!form)
      throw new Error(
        `application ${application.id} points at a missing form ${application.formId}`,
      );
    return form;
  }

  private async currentForm(labId: string): Promise<ApplicationFormEntity> {
    const form = await this.forms.findCurrentOfLab(labId);
    if (!form) throw new Error(`lab ${labId} has applications but no form`);
    return form;
  }

  /** The lab takes applications and this applicant's deadline (the lab's or their extension) has not passed. */
  private assertAcceptingChanges(lab: LabFacts, extensionUntil: Date | null, now: Date): void {
    if (lab.phase !== 'applications_open') {
      throw new ApplicationsError(
        'APPLICATIONS_NOT_OPEN',
        `This lab is not taking applications: it is in the phase "${LAB_PHASE_LABELS[lab.phase]}".`,
      );
    }
    const decision = decideApplicationDeadline({
      closesAt: lab.applicationsCloseAt,
      extensionUntil,
      now,
      timezone: lab.timezone,
    });
    if (!decision.open) {
      throw new ApplicationsError('APPLICATION_DEADLINE_PASSED', decision.message, {
        deadline: decision.deadline.toISOString(),
        deadlineInLabTimezone: formatInTimezone(decision.deadline, lab.timezone),
        timezone: lab.timezone,
        extended: decision.extended,
      });
    }
  }

  private alreadyExists(applicationId: string | null): ApplicationsError {
    return new ApplicationsError(
      'APPLICATION_ALREADY_EXISTS',
      'You already have an application to this lab (one per person); open it to continue.',
      applicationId ? { applicationId } : undefined,
    );
  }

  private incomplete(problems: FieldProblem[], lead: string): ApplicationsError {
    return new ApplicationsError(
      'APPLICATION_INCOMPLETE',
      `${lead}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} to fix (${[...new Set(problems.map((p) => p.field))].join(', ')}).`,
      problems,
    );
  }
}
