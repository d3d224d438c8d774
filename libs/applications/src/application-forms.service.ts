import { Injectable } from '@nestjs/common';
import { AuditService, TransactionRunner } from '@ideas-lab/platform';
import { formDefinitionProblems, type Actor, type FormQuestion } from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { ApplicationFormsRepository } from './application-forms.repository.js';
import { toFormView } from './application-view.js';
import type { ApplicationFormView } from './applications.contract.js';
import { ApplicationsError } from './applications.errors.js';
import type { FormQuestionInput } from './applications.contract.js';

/** Keep only what a question of its type means (no word limit on a choice, no options on a URL). */
function questionOf(dto: FormQuestionInput): FormQuestion {
  const question: FormQuestion = {
    id: dto.id,
    type: dto.type,
    label: dto.label.trim(),
    required: dto.required,
  };
  if (dto.helpText?.trim()) question.helpText = dto.helpText.trim();
  if (dto.wordLimit !== undefined) question.wordLimit = dto.wordLimit;
  if (dto.options !== undefined) question.options = dto.options.map((o) => o.trim());
  if (dto.requireYes !== undefined) question.requireYes = dto.requireYes;
  return question;
}

/** A lab's application form: organisers publish versions, applicants fill the current one. */
@Injectable()
export class ApplicationFormsService {
  constructor(
    private readonly forms: ApplicationFormsRepository,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async publish(
    actor: Actor,
    labId: string,
    questionDtos: FormQuestionInput[],
  ): Promise<ApplicationFormView> {
    await this.access.requireRole(actor, labId, ['organiser']);
    const questions = questionDtos.map(questionOf);
    const problems = formDefinitionProblems(questions);
    if (problems.length > 0) {
      throw new ApplicationsError(
        'APPLICATION_FORM_INVALID',
        problems.length === 1
          ? `The form has a problem: ${problems[0].message}.`
          : `The form has ${problems.length} problems.`,
        problems,
      );
    }
    return this.tx.run(async () => {
      const form = await this.forms.insertNextVersion(labId, questions, actor.userId);
      if (!form) {
        throw new ApplicationsError(
          'APPLICATION_FORM_CHANGED_CONCURRENTLY',
          'Someone else published this form at the same moment. Reload it and publish again.',
        );
      }
      await this.audit.append({
        actorId: actor.userId,
        labId,
        action: 'form.published',
        entityType: 'application_form',
        entityId: form.id,
        data: { version: form.version, questions: questions.length },
      });
      return toFormView(form);
    });
  }

  /** The current form, for anyone who can see the lab (its members; anyone while the call is open). */
  async current(actor: Actor, labId: string): Promise<ApplicationFormView> {
    await this.labs.get(actor, labId);
    const form = await this.forms.findCurrentOfLab(labId);
    if (!form)
      throw new ApplicationsError(
        'APPLICATION_FORM_NOT_FOUND',
        'The organisers have not published an application form for this lab yet.',
      );
    return toFormView(form);
  }
}
