// Talking to the API under test.

/** The JSON answer of a request; throws with the status and body unless it is 2xx. */
export async function json(url, init) {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new Error(
      `${init?.method ?? 'GET'} ${url} answered ${response.status}: ${JSON.stringify(body)}`,
    );
  return body;
}

/** `POST /api/auth/login`: { accessToken, … }. */
export const login = (baseUrl, credentials) =>
  json(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });

/** The claims of a JWT, unverified. */
export const claimsOf = (token) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
