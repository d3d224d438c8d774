/** The server a journey runs against, and the platform admin who can log in to it. */
export interface JourneyServer {
  baseUrl: string;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

/**
 * BROWSER_BASE_URL points the journeys at a server that is already running (`npm start`,
 * whose demo seed has the admin below); otherwise the real API boots on a random port
 * against a fresh test database.
 */
export async function startJourneyServer(): Promise<JourneyServer> {
  const external = process.env.BROWSER_BASE_URL;
  if (external) {
    return {
      baseUrl: external.replace(/\/$/, ''),
      admin: { email: 'admin@ideas-lab.test', password: 'ideas-lab-demo' },
      close: async () => undefined,
    };
  }
  throw new Error('tests/support/test-app.ts has not landed yet: set BROWSER_BASE_URL to run the journeys.');
}
