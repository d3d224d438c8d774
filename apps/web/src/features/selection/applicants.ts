import type { ApplicationSummary } from '../../api';

export interface ApplicantDirectory {
  byId: Map<string, ApplicationSummary>;
  /** The applicant's name (or email), or a short form of the id when unknown (withdrawn since). */
  nameOf: (applicationId: string) => string;
  all: ApplicationSummary[];
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
