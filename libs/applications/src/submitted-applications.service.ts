import { Injectable } from '@nestjs/common';
import type { AnswerValue, ApplicantProfile, FormQuestion } from '@ideas-lab/domain';
import { ApplicationFormsRepository } from './application-forms.repository.js';
import { ApplicationsRepository, type ApplicationOfLabRow } from './applications.repository.js';

/** A submitted application as other features (application review, selection) read it. */
export interface SubmittedApplication {
  id: string;
  labId: string;
  applicantId: string;
  email: string;
  profile: ApplicantProfile;
  answers: Record<string, AnswerValue>;
  formId: string;
  submittedAt: Date;
}

const submitted = (labId: string, row: ApplicationOfLabRow): SubmittedApplication => ({
  id: row.id,
  labId,
  applicantId: row.applicantId,
  email: row.email,
  profile: row.profile,
  answers: row.answers,
  formId: row.formId,
  submittedAt: row.submittedAt as Date,
});

/**
 * Read-only access to the submitted applications of a lab, without access checks: the
 * calling feature decides who may see what (reviewers see their assigned applications only).
 */
@Injectable()
export class SubmittedApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly forms: ApplicationFormsRepository,
  ) {}

  async ofLab(labId: string): Promise<SubmittedApplication[]> {
    const rows = await this.applications.findAllOfLab(labId, { status: 'submitted' });
    return rows.map((row) => submitted(labId, row));
  }

  /** One submitted application of the lab with the questions of the form it was submitted on. */
  async withQuestions(
    labId: string,
    applicationId: string,
  ): Promise<(SubmittedApplication & { questions: FormQuestion[] }) | null> {
    const application = await this.applications.findById(applicationId);
    if (!application || application.labId !== labId || application.status !== 'submitted')
      return null;
    const form = await this.forms.findById(application.formId);
    return {
      id: application.id,
      labId,
      applicantId: application.applicantId,
      email: '',
      profile: application.profile,
      answers: application.answers,
      formId: application.formId,
      submittedAt: application.submittedAt as Date,
      questions: form?.questions ?? [],
    };
  }
}
