import type { LabRole } from '@ideas-lab/domain';
import type { LabEntity } from './entities/lab.entity.js';
import type { CallPage, LabView } from './labs.contract.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toLabView(lab: LabEntity, myRoles: LabRole[]): LabView {
  return {
    id: lab.id,
    slug: lab.slug,
    title: lab.title,
    theme: lab.theme,
    description: lab.description,
    expertiseExamples: lab.expertiseExamples,
    timezone: lab.timezone,
    phase: lab.phase,
    capacity: lab.capacity,
    dates: {
      applicationsOpenAt: iso(lab.applicationsOpenAt),
      applicationsCloseAt: iso(lab.applicationsCloseAt),
      workshopStartAt: iso(lab.workshopStartAt),
      workshopEndAt: iso(lab.workshopEndAt),
      proposalsDueAt: iso(lab.proposalsDueAt),
    },
    taxonomy: {
      disciplines: lab.taxonomy.disciplines ?? [],
      careerStages: lab.taxonomy.careerStages ?? [],
      organisationTypes: lab.taxonomy.organisationTypes ?? [],
    },
    teamSize: { min: lab.teamSizeMin, max: lab.teamSizeMax },
    funding: { pool: Number(lab.fundingPoolMinor) / 100, currency: lab.fundingCurrency },
    myRoles,
    version: lab.version,
    createdAt: lab.createdAt.toISOString(),
    updatedAt: lab.updatedAt.toISOString(),
  };
}

export function toCallPage(lab: LabEntity): CallPage {
  const { id, slug, title, theme, description, timezone, capacity, dates, taxonomy } = toLabView(
    lab,
    [],
  );
  return { id, slug, title, theme, description, timezone, capacity, dates, taxonomy };
}
