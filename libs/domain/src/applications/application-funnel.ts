export const APPLICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const FUNNEL_STAGES = ['started', 'submitted', 'reviewed', 'selected', 'confirmed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface FunnelApplication {
  status: ApplicationStatus;
  reviewed: boolean;
  selected: boolean;
  confirmed: boolean;
  primaryDiscipline: string | null;
  careerStage: string | null;
  organisationType: string | null;
}

export type FunnelCounts = Record<FunnelStage, number> & { withdrawn: number };

/** One value of a taxonomy attribute; `value: null` gathers applications that did not say yet. */
export interface FunnelRow extends FunnelCounts {
  value: string | null;
}

export interface Funnel {
  totals: FunnelCounts;
  byDiscipline: FunnelRow[];
  byCareerStage: FunnelRow[];
  byOrganisationType: FunnelRow[];
}

const zero = (): FunnelCounts => ({
  started: 0,
  submitted: 0,
  reviewed: 0,
  selected: 0,
  confirmed: 0,
  withdrawn: 0,
});

function count(into: FunnelCounts, a: FunnelApplication): void {
  into.started += 1;
  if (a.status === 'withdrawn') {
    into.withdrawn += 1;
    return;
  }
  if (a.status !== 'submitted') return;
  into.submitted += 1;
  if (!a.reviewed) return;
  into.reviewed += 1;
  if (!a.selected) return;
  into.selected += 1;
  if (a.confirmed) into.confirmed += 1;
}

function breakdown(
  applications: readonly FunnelApplication[],
  values: readonly string[],
  valueOf: (a: FunnelApplication) => string | null,
): FunnelRow[] {
  const rows = new Map<string | null, FunnelRow>(values.map((v) => [v, { value: v, ...zero() }]));
  for (const a of applications) {
    const value = valueOf(a);
    let row = rows.get(value);
    if (!row) rows.set(value, (row = { value, ...zero() }));
    count(row, a);
  }
  // The lab's taxonomy order, then values no longer in the taxonomy, then "not said yet".
  return [...rows.values()].sort((x, y) => rank(x.value, values) - rank(y.value, values));
}

const rank = (value: string | null, values: readonly string[]) =>
  value === null ? Infinity : values.includes(value) ? values.indexOf(value) : values.length;

/**
 * How far applications got: started (every application, withdrawn ones too) → submitted
 * (now submitted) → reviewed → selected → confirmed, overall and by each taxonomy attribute
 * (disciplines by the primary one, so each breakdown adds up to the totals).
 */
export function computeFunnel(input: {
  applications: readonly FunnelApplication[];
  taxonomy: {
    disciplines: readonly string[];
    careerStages: readonly string[];
    organisationTypes: readonly string[];
  };
}): Funnel {
  const { applications, taxonomy } = input;
  const totals = zero();
  for (const a of applications) count(totals, a);
  return {
    totals,
    byDiscipline: breakdown(applications, taxonomy.disciplines, (a) => a.primaryDiscipline),
    byCareerStage: breakdown(applications, taxonomy.careerStages, (a) => a.careerStage),
    byOrganisationType: breakdown(
      applications,
      taxonomy.organisationTypes,
      (a) => a.organisationType,
    ),
  };
}
