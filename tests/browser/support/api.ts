/**
 * The API as a script would call it, for the set-up that other journeys already cover on
 * screen. `baseUrl` is read at each call: the server starts in `beforeAll`.
 */
export function journeyApi(baseUrl: () => string) {
  const call = async <T>(method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  /** An access token for an existing account. */
  const tokenOf = async (email: string, password: string) =>
    (await call<{ accessToken: string }>('POST', '/auth/login', undefined, { email, password }))
      .accessToken;
  return { call, tokenOf };
}

/**
 * A lab body for `POST /labs` whose applications opened yesterday, close on 1 April next year,
 * with the workshop on 13–17 July and proposals due on 15 August, in New York time; the rest
 * (capacity, taxonomy, team size, funding) can be the journey's own.
 */
export function openCallLab(lab: { title: string; slug: string } & Record<string, unknown>) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    theme: 'Toward building a cancer patient digital twin',
    timezone: 'America/New_York',
    capacity: 30,
    dates: {
      applicationsOpenAt: new Date(Date.now() - 86_400_000).toISOString(),
      applicationsCloseAt: `${year}-04-01T21:00:00Z`,
      workshopStartAt: `${year}-07-13T15:00:00Z`,
      workshopEndAt: `${year}-07-17T21:00:00Z`,
      proposalsDueAt: `${year}-08-15T21:00:00Z`,
    },
    taxonomy: {
      disciplines: ['AI', 'Bioinformatics', 'Cancer research'],
      careerStages: ['Early career', 'Senior'],
      organisationTypes: ['University', 'National laboratory'],
    },
    teamSize: { min: 3, max: 6 },
    funding: { pool: 1_000_000, currency: 'USD' },
    ...lab,
  };
}
