/** The settings of a lab that have rules between them, checked together. */
export interface LabSettingsFacts {
  timezone: string;
  capacity: number;
  applicationsOpenAt: Date | null;
  applicationsCloseAt: Date | null;
  workshopStartAt: Date | null;
  workshopEndAt: Date | null;
  proposalsDueAt: Date | null;
  teamSizeMin: number;
  teamSizeMax: number;
  disciplines: readonly string[];
  careerStages: readonly string[];
  organisationTypes: readonly string[];
}

export interface SettingsProblem {
  field: string;
  message: string;
}

export function isIanaTimezone(value: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value) && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const ORDER: [keyof LabSettingsFacts, keyof LabSettingsFacts, string, boolean][] = [
  ['applicationsOpenAt', 'applicationsCloseAt', 'applications must close after they open', true],
  [
    'applicationsCloseAt',
    'workshopStartAt',
    'the workshop must start after applications close',
    false,
  ],
  ['workshopStartAt', 'workshopEndAt', 'the workshop must end after it starts', true],
  ['workshopEndAt', 'proposalsDueAt', 'proposals must be due after the workshop ends', false],
];

/** Every problem with a lab's settings at once, by field path as the API names them. */
export function labSettingsProblems(facts: LabSettingsFacts): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (!isIanaTimezone(facts.timezone)) {
    problems.push({
      field: 'timezone',
      message: `"${facts.timezone}" is not an IANA time zone such as Europe/London or America/New_York`,
    });
  }
  if (facts.teamSizeMin > facts.teamSizeMax) {
    problems.push({
      field: 'teamSize.min',
      message: 'the smallest team size must not exceed the largest',
    });
  }
  for (const [earlier, later, message, strict] of ORDER) {
    const a = facts[earlier] as Date | null;
    const b = facts[later] as Date | null;
    if (a && b && (strict ? b.getTime() <= a.getTime() : b.getTime() < a.getTime())) {
      problems.push({ field: `dates.${later}`, message });
    }
  }
  for (const [field, values] of [
    ['taxonomy.disciplines', facts.disciplines],
    ['taxonomy.careerStages', facts.careerStages],
    ['taxonomy.organisationTypes', facts.organisationTypes],
  ] as const) {
    const seen = new Set<string>();
    for (const value of values) {
      const key = value.trim().toLowerCase();
      if (seen.has(key)) problems.push({ field, message: `"${value}" appears twice` });
      seen.add(key);
    }
  }
  return problems;
}
