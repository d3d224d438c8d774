import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error';
import { ApiClient } from './client';
import type { AuthSession, Me } from './types';

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let issued = 0;
/** A session as the server sends it: the user with their lab roles. */
function session(lifetimeMs = 15 * 60_000): AuthSession & { user: Me } {
  issued += 1;
  return {
    accessToken: `access-${issued}`,
    accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    user: {
      id: 'u1',
      email: 'olu@example.test',
      displayName: 'Olu',
      isAdmin: false,
      memberships: [],
    },
  };
}

/** A fake API: /auth/refresh rotates tokens; /labs answers 401 to any token but the newest. */
function fakeApi() {
  let current = '';
  const calls: {
    path: string;
    auth: string | null;
    body: unknown;
    headers: Headers;
    credentials?: RequestCredentials;
  }[] = [];
  let refreshAnswer: () => Response = () => {
    const next = session();
    current = next.accessToken;
    return json(200, next);
  };
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    // `request` passes a path and init; the generated client's fetchWithSession a Request.
    const path = input instanceof Request ? new URL(input.url).pathname : String(input);
    const headers = input instanceof Request ? input.headers : new Headers(init?.headers);
    const auth = headers.get('Authorization');
    calls.push({
      path,
      auth,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers,
      credentials: init?.credentials,
    });
    await Promise.resolve();
    if (path === '/api/auth/refresh') return refreshAnswer();
    if (path === '/api/me')
      return auth === `Bearer ${current}`
        ? json(200, {
            ...session().user,
            memberships: [
              { labId: 'l1', labSlug: 'l', labTitle: 'L', labPhase: 'draft', role: 'organiser' },
            ],
          })
        : json(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Log in.' });
    if (path === '/api/labs')
      return auth === `Bearer ${current}`
        ? json(200, [])
        : json(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Log in.' });
    return json(404, { statusCode: 404, code: 'NOT_FOUND', message: 'No route.' });
  });
  return {
    fetch,
    calls,
    expireAccess: () => (current = 'something-else'),
    failRefreshWith: (response: () => Response) => (refreshAnswer = response),
    accept: (token: string) => (current = token),
  };
}

describe('ApiClient', () => {
  let storage: MemoryStorage;
  let server: ReturnType<typeof fakeApi>;
  let client: ApiClient;

  beforeEach(() => {
    storage = new MemoryStorage();
    server = fakeApi();
    client = new ApiClient({ baseUrl: '/api', storage, fetch: server.fetch });
  });
  afterEach(() => {
    client.endSession();
    vi.useRealTimers();
  });

  it('keeps the access token in memory and only a signed-in mark in storage (the refresh token is an HttpOnly cookie)', async () => {
    const started = session();
    server.accept(started.accessToken);
    await client.startSession(started);
    expect(storage.getItem('ideas-lab.session')).toBe('signed-in');
    expect(storage.length).toBe(1);
    expect(
      JSON.stringify(
        [...Array(storage.length).keys()].map((i) => storage.getItem(storage.key(i)!)),
      ),
    ).not.toContain(started.accessToken);
  });

  it('on a 401 refreshes once with the cookie, then retries the request', async () => {
    const started = session();
    await client.startSession(started);
    server.expireAccess();

    await expect(client.request('GET', '/labs')).resolves.toEqual([]);

    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/labs',
      '/api/auth/refresh',
      '/api/labs',
    ]);
    expect(server.calls[1].body).toBeUndefined();
    expect(server.calls[1].headers.get('X-Ideas-Lab-Refresh')).toBe('1');
    expect(server.calls[1].credentials).toBe('same-origin');
    expect(server.calls[1].auth).toBeNull();
  });

  it('shares one refresh between requests that fail together (a rotated token is never reused)', async () => {
    await client.startSession(session());
    server.expireAccess();

    await Promise.all([
      client.request('GET', '/labs'),
      client.request('GET', '/labs'),
      client.request('GET', '/labs'),
    ]);

    expect(server.calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh token is refused, and reports the original 401', async () => {
    await client.startSession(session());
    server.expireAccess();
    server.failRefreshWith(() =>
      json(401, { statusCode: 401, code: 'REFRESH_TOKEN_REUSED', message: 'Reused.' }),
    );

    const error = await client.request('GET', '/labs').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(client.getState()).toEqual({ status: 'signed-out' });
    expect(storage.getItem('ideas-lab.session')).toBeNull();
  });

  it('resumes a session at start-up only when this browser has one', async () => {
    await client.restore();
    expect(client.getState()).toEqual({ status: 'signed-out' });
    expect(server.calls).toHaveLength(0);

    storage.setItem('ideas-lab.session', 'signed-in');
    await client.restore();
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh']);
    expect(client.getState().status).toBe('signed-in');
  });

  it('holds a request made while the session is restored until its token is there (no 401 and retry)', async () => {
    const { memberships: _left, ...bare } = session().user;
    let token = '';
    server.failRefreshWith(() => {
      const next = { ...session(), user: bare };
      token = next.accessToken;
      server.accept(token);
      return json(200, next);
    });
    storage.setItem('ideas-lab.session', 'signed-in');

    const restoring = client.restore();
    const labs = client.fetchWithSession(new Request('http://ideas-lab.test/api/labs'));
    await restoring;

    await expect(labs.then((r) => r.json())).resolves.toEqual([]);
    expect(server.calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/auth/refresh', null],
      ['/api/me', `Bearer ${token}`],
      ['/api/labs', `Bearer ${token}`],
    ]);
  });

  it('sends a request held during a restore that ends signed out, which then fails as 401', async () => {
    server.failRefreshWith(() =>
      json(401, { statusCode: 401, code: 'REFRESH_TOKEN_EXPIRED', message: 'Expired.' }),
    );
    storage.setItem('ideas-lab.session', 'signed-in');

    const restoring = client.restore();
    const labs = client
      .fetchWithSession(new Request('http://ideas-lab.test/api/labs'))
      .catch((e: unknown) => e);
    await restoring;

    expect(await labs).toMatchObject({ status: 401 });
    expect(client.getState()).toEqual({ status: 'signed-out' });
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh', '/api/labs']);
  });

  it('follows another tab that signs out or in', async () => {
    await client.startSession(session());
    storage.removeItem('ideas-lab.session');
    client.handleStorageEvent({ key: 'ideas-lab.session', newValue: null } as StorageEvent);
    expect(client.getState()).toEqual({ status: 'signed-out' });

    storage.setItem('ideas-lab.session', 'signed-in');
    client.handleStorageEvent({ key: 'ideas-lab.session', newValue: 'signed-in' } as StorageEvent);
    await vi.waitFor(() => expect(client.getState().status).toBe('signed-in'));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh']);
  });

  it('refreshes silently shortly before the access token expires', async () => {
    vi.useFakeTimers();
    await client.startSession(session(60_000));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh']);
    expect(client.getState().status).toBe('signed-in');
  });

  it("reads the user's lab roles from /me when a session comes without them, once per sign-in", async () => {
    vi.useFakeTimers();
    const { memberships: _left, ...bare } = session(60_000).user;
    const started = { ...session(60_000), user: bare };
    server.accept(started.accessToken);

    const me = await client.startSession(started);

    expect(me.memberships.map((m) => m.role)).toEqual(['organiser']);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/me']);
    server.failRefreshWith(() => json(200, { ...session(60_000), user: bare }));
    await vi.advanceTimersByTimeAsync(31_000);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/refresh']);
    expect(client.getState()).toMatchObject({
      status: 'signed-in',
      user: { memberships: [{ role: 'organiser' }] },
    });
  });

  it('turns error bodies into a typed ApiError, and foreign ones too', async () => {
    server.fetch.mockResolvedValueOnce(
      json(400, {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid.',
        details: [{ field: 'dates.applicationsCloseAt', message: 'must be a date' }],
        requestId: 'r-1',
      }),
    );
    const invalid = (await client
      .request('POST', '/labs', { body: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect({ ...invalid, message: invalid.message }).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is not valid.',
      details: [{ field: 'dates.applicationsCloseAt', message: 'must be a date' }],
      requestId: 'r-1',
    });

    server.fetch.mockResolvedValueOnce(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const gateway = (await client
      .request('GET', '/labs', { auth: false })
      .catch((e: unknown) => e)) as ApiError;
    expect([gateway.status, gateway.code, gateway.details]).toEqual([502, 'HTTP_502', []]);

    server.fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const offline = (await client
      .request('GET', '/labs', { auth: false })
      .catch((e: unknown) => e)) as ApiError;
    expect([offline.status, offline.code]).toEqual([0, 'NETWORK_ERROR']);
  });
});
