import { Injectable } from '@nestjs/common';
import {
  availabilitySummary,
  computeFunnel,
  type Actor,
  type AnswerValue,
  type Funnel,
} from '@ideas-lab/domain';
import { LabAccessService, LabsService } from '@ideas-lab/labs';
import { ApplicationFormsRepository } from './application-forms.repository.js';
import { ApplicationMeritSources } from './application-merit-sources.js';
import { labFacts, toApplicationSummary, type LabFacts } from './application-view.js';
import { toCsv } from './applications-csv.js';
import {
  ApplicationsRepository,
  type ApplicationFilters,
  type ApplicationOfLabRow,
} from './applications.repository.js';
import type { ApplicationPage, ListApplicationsQuery } from './applications.contract.js';

export const FUNNEL_NOTE =
  'started counts withdrawn applications too; reviewed, selected and confirmed come from application review and the adopted selection run: reviewed = submitted with at least one submitted review (what makes it eligible for selection), selected = offered a place (from the start or from the waitlist, whatever the answer), confirmed = took the place.';

/** How far each application got after submission, as application review and selection know it. */
export interface FunnelProgress {
  reviewed: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  confirmed: ReadonlySet<string>;
}

const filtersOf = (query: ListApplicationsQuery): ApplicationFilters => ({
  discipline: query.discipline,
  careerStage: query.careerStage,
  organisationType: query.organisationType,
  country: query.country?.toUpperCase(),
  status: query.status,
  q: query.q || undefined,
});

const answerText = (value: AnswerValue | undefined) =>
  value === undefined
    ? ''
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : Array.isArray(value)
        ? value.join('; ')
        : value;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : '');

/** The organisers' side: the applications of a lab, filtered, exported and counted. */
@Injectable()
export class LabApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly forms: ApplicationFormsRepository,
    private readonly labs: LabsService,
    private readonly access: LabAccessService,
    private readonly merits: ApplicationMeritSources,
  ) {}

  async list(actor: Actor, labId: string, query: ListApplicationsQuery): Promise<ApplicationPage> {
    const lab = await this.organisersLab(actor, labId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const merits = await this.merits.read(labId);
    const summary = (row: ApplicationOfLabRow) =>
      toApplicationSummary(row, lab, merits.get(row.id));
    const sort = query.sort ?? 'started';
    if (sort === 'merit') {
      // Merit is computed by review from every reviewer's scores: sorted here, then paged.
      const all = await this.applications.findAllOfLab(labId, filtersOf(query));
      const sign = query.order === 'asc' ? 1 : -1;
      const meritOf = (id: string) => merits.get(id)?.merit ?? null;
      const ranked = [...all].sort((a, b) => {
        const x = meritOf(a.id);
        const y = meritOf(b.id);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return sign * (x - y);
      });
      const rows = ranked.slice((page - 1) * pageSize, page * pageSize);
      return { items: rows.map(summary), total: all.length, page, pageSize };
    }
    const { rows, total } = await this.applications.findPageOfLab(
      labId,
      filtersOf(query),
      (page - 1) * pageSize,
      pageSize,
      sort,
      query.order ?? 'asc',
    );
    return { items: rows.map(summary), total, page, pageSize };
  }

  /** Every matching application, one row each, with the answers to the lab's current form. */
  async exportCsv(
    actor: Actor,
    labId: string,
    query: ListApplicationsQuery,
  ): Promise<{ filename: string; csv: string }> {
    const lab = await this.organisersLab(actor, labId);
    const [rows, form] = await Promise.all([
      this.applications.findAllOfLab(labId, filtersOf(query)),
      this.forms.findCurrentOfLab(labId),
    ]);
    const questions = form?.questions ?? [];
    const header = [
      'id',
      'status',
      'name',
      'email',
      'affiliation',
      'organisation type',
      'career stage',
      'primary discipline',
      'disciplines',
      'expertise keywords',
      'country',
      'orcid',
      'links',
      'available whole workshop',
      'unavailable days',
      'submitted at',
      'updated at',
      'extension until',
      ...questions.map((q) => `${q.label} [${q.id}]`),
    ];
    const csv = toCsv([
      header,
      ...rows.map((row) =>
        this.csvRow(
          row,
          lab,
          questions.map((q) => q.id),
        ),
      ),
    ]);
    return { filename: `applications-${lab.slug}.csv`, csv };
  }

  /**
   * The funnel of the lab. Review and selection live in features built on this one, so the
   * caller (the selection feature, which serves the route) supplies how far each got.
   */
  async funnel(
    actor: Actor,
    labId: string,
    progress: FunnelProgress,
  ): Promise<Funnel & { note: string }> {
    const lab = await this.organisersLab(actor, labId);
    const facts = await this.applications.findFunnelFactsOfLab(labId);
    const applications = facts.map(({ id, ...f }) => ({
      ...f,
      reviewed: progress.reviewed.has(id),
      selected: progress.selected.has(id),
      confirmed: progress.confirmed.has(id),
    }));
    return { ...computeFunnel({ applications, taxonomy: lab.taxonomy }), note: FUNNEL_NOTE };
  }

  private csvRow(row: ApplicationOfLabRow, lab: LabFacts, questionIds: string[]): string[] {
    const p = row.profile;
    const { availableForWholeWorkshop, unavailableDays } = availabilitySummary(
      p.availability,
      lab.workshopDays,
    );
    return [
      row.id,
      row.status,
      p.name ?? '',
      row.email,
      p.affiliation ?? '',
      p.organisationType ?? '',
      p.careerStage ?? '',
      p.primaryDiscipline ?? '',
      (p.disciplines ?? []).join('; '),
      (p.expertiseKeywords ?? []).join('; '),
      p.country ?? '',
      p.orcid ?? '',
      (p.links ?? []).join(' '),
      availableForWholeWorkshop === null ? '' : availableForWholeWorkshop ? 'yes' : 'no',
      unavailableDays.join('; '),
      iso(row.submittedAt),
      iso(row.updatedAt),
      iso(row.extensionUntil),
      ...questionIds.map((id) => answerText(row.answers[id])),
    ];
  }

  private async organisersLab(actor: Actor, labId: string): Promise<LabFacts> {
    await this.access.requireRole(actor, labId, ['organiser']);
    return labFacts(await this.labs.get(actor, labId));
  }
}
