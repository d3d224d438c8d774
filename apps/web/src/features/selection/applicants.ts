import { api, type ApplicationSummary } from '../../api';
import { useResource } from '../../lib/use-resource';

export interface ApplicantDirectory {
  byId: Map<string, ApplicationSummary>;
  /** The applicant's name (or email), or a short form of the id when unknown (withdrawn since). */
  nameOf: (applicationId: string) => string;
  all: ApplicationSummary[];
}

const PAGE_SIZE = 200;

/** Every submitted application of the lab, to put names on the ids that runs and decisions carry. */
async function loadApplicants(labId: string): Promise<ApplicantDirectory> {
  const all: ApplicationSummary[] = [];
  for (let page = 1; ; page += 1) {
    const result = await api.applications.ofLab(labId, {
      status: 'submitted',
      page,
      pageSize: PAGE_SIZE,
    });
    all.push(...result.items);
    if (result.items.length === 0 || all.length >= result.total) break;
  }
  return directory(all);
}

export function directory(all: ApplicationSummary[]): ApplicantDirectory {
  const byId = new Map(all.map((a) => [a.id, a]));
  return {
    byId,
    all,
    nameOf: (id) => {
      const a = byId.get(id);
      return a ? (a.name ?? a.email) : `application ${id.slice(0, 8)}`;
    },
  };
}

export function useApplicants(labId: string) {
  return useResource(() => loadApplicants(labId), `selection-applicants:${labId}`);
}
