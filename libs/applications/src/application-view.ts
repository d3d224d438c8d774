import type { ApplicationMerit } from './application-merit-sources.js';
import {
  availabilitySummary,
  decideApplicationDeadline,
  formatInTimezone,
  workshopDays,
  type LabPhase,
} from '@ideas-lab/domain';
import type { LabView } from '@ideas-lab/labs';
import type {
  ApplicationFormView,
  ApplicationSummary,
  ApplicationView,
} from './applications.contract.js';
import type { ApplicationVersionSummary } from './application-versions.repository.js';
import type { ApplicationOfLabRow } from './applications.repository.js';
import type { ApplicationFormEntity } from './entities/application-form.entity.js';
import type { ApplicationEntity } from './entities/application.entity.js';

/** What the applications feature needs to know about a lab. */
export interface LabFacts {
  id: string;
  slug: string;
  phase: LabPhase;
  timezone: string;
  applicationsCloseAt: Date | null;
  workshopDays: string[];
  taxonomy: { disciplines: string[]; careerStages: string[]; organisationTypes: string[] };
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function labFacts(lab: LabView): LabFacts {
  return {
    id: lab.id,
    slug: lab.slug,
    phase: lab.phase,
    timezone: lab.timezone,
    applicationsCloseAt: date(lab.dates.applicationsCloseAt),
    workshopDays: workshopDays({
      startAt: date(lab.dates.workshopStartAt),
      endAt: date(lab.dates.workshopEndAt),
      timezone: lab.timezone,
    }),
    taxonomy: lab.taxonomy,
  };
}

export function toFormView(form: ApplicationFormEntity): ApplicationFormView {
  return {
    id: form.id,
    labId: form.labId,
    version: form.version,
    questions: form.questions,
    publishedAt: form.publishedAt.toISOString(),
  };
}

function editing(
  status: ApplicationEntity['status'],
  phase: LabPhase,
  deadlineOpen: boolean,
): ApplicationView['editing'] {
  if (status === 'withdrawn') return { allowed: false, reason: 'The application is withdrawn.' };
  if (phase === 'draft') return { allowed: false, reason: 'The call is not open yet.' };
  if (phase !== 'applications_open')
    return {
      allowed: false,
      reason:
        'Applications are closed and selection has begun: the application is frozen as the reviewers read it.',
    };
  if (!deadlineOpen)
    return {
      allowed: false,
      reason: 'The deadline has passed: the application can no longer change.',
    };
  return { allowed: true, reason: null };
}

export function toApplicationView(input: {
  application: ApplicationEntity;
  form: ApplicationFormEntity;
  lab: LabFacts;
  versions: ApplicationVersionSummary[];
  now: Date;
}): ApplicationView {
  const { application: a, form, lab, versions, now } = input;
  const deadline = decideApplicationDeadline({
    closesAt: lab.applicationsCloseAt,
    extensionUntil: a.extensionUntil,
    now,
    timezone: lab.timezone,
  });
  const { availableForWholeWorkshop, unavailableDays } = availabilitySummary(
    a.profile.availability,
    lab.workshopDays,
  );
  return {
    id: a.id,
    labId: a.labId,
    applicantId: a.applicantId,
    status: a.status,
    version: a.version,
    profile: a.profile,
    answers: a.answers,
    form: toFormView(form),
    deadline: {
      closesAt: iso(deadline.deadline),
      closesAtInLabTimezone: deadline.deadline
        ? formatInTimezone(deadline.deadline, lab.timezone)
        : null,
      timezone: lab.timezone,
      extended: deadline.extended,
      passed: !deadline.open,
    },
    availability: { workshopDays: lab.workshopDays, availableForWholeWorkshop, unavailableDays },
    editing: editing(a.status, lab.phase, deadline.open),
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      at: v.createdAt.toISOString(),
    })),
    submittedAt: iso(a.submittedAt),
    withdrawnAt: iso(a.withdrawnAt),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toApplicationSummary(
  row: ApplicationOfLabRow,
  lab: LabFacts,
  merit?: ApplicationMerit,
): ApplicationSummary {
  const p = row.profile;
  const { availableForWholeWorkshop, unavailableDays } = availabilitySummary(
    p.availability,
    lab.workshopDays,
  );
  return {
    id: row.id,
    applicantId: row.applicantId,
    email: row.email,
    status: row.status,
    name: p.name ?? null,
    affiliation: p.affiliation ?? null,
    organisationType: p.organisationType ?? null,
    careerStage: p.careerStage ?? null,
    primaryDiscipline: p.primaryDiscipline ?? null,
    disciplines: p.disciplines ?? [],
    country: p.country ?? null,
    availableForWholeWorkshop,
    unavailableDays,
    extensionUntil: iso(row.extensionUntil),
    submittedAt: iso(row.submittedAt),
    updatedAt: new Date(row.updatedAt).toISOString(),
    merit: merit?.merit ?? null,
    reviewCount: merit?.reviewCount ?? 0,
  };
}
