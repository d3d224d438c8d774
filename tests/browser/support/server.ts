import { startTestApp } from '../../support/test-app.js';

/** The server a journey runs against, and the platform admin who can log in to it. */
export interface JourneyServer {
  baseUrl: string;
  admin: { email: string; password: string };
  close(): Promise<void>;
}

const DEMO_ADMIN = { email: 'admin@ideas-lab.test', password: 'ideas-lab-demo' };

/**
 * The real API with the built web client, on a random port against a fresh test database,
 * with a platform admin created for the journey (admins cannot sign up).
 *
 * BROWSER_BASE_URL points the journeys at a server that is already running instead
 * (`npm start`, whose demo seed holds the admin above), to look at a change without a
 * test database.
 */
export async function startJourneyServer(): Promise<JourneyServer> {
  const external = process.env.BROWSER_BASE_URL;
  if (external) {
    return {
      baseUrl: external.replace(/\/$/, ''),
      admin: DEMO_ADMIN,
      close: async () => undefined,
    };
  }
  const app = await startTestApp();
  const admin = { email: 'admin@journey.test', password: 'journey-admin-password' };
  await app.createUser({
    email: admin.email,
    displayName: 'Ada Admin',
    isAdmin: true,
    password: admin.password,
  });
  return { baseUrl: app.baseUrl, admin, close: () => app.close() };
}
