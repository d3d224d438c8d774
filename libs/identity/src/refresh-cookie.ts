import { API_PREFIX } from '@ideas-lab/platform';
import { IdentityError } from './identity.errors.js';
import type { AuthSession, SessionView } from './identity.contract.js';

/**
 * The refresh token lives in a cookie no script can read (HttpOnly), sent only over HTTPS
 * (Secure; browsers treat localhost as secure), only by this site's own pages (SameSite=Strict)
 * and only to the auth routes (Path), where it is exchanged or ended.
 */
export const REFRESH_COOKIE = 'ideas_lab_refresh';
export const REFRESH_COOKIE_PATH = `/${API_PREFIX}/auth`;
/**
 * The routes that read the cookie also need this header: a page of another origin cannot send a
 * custom header without a CORS preflight this API never grants, and a form cannot send one at
 * all, so a forged request is refused even where SameSite does not hold (an older browser, a
 * sibling subdomain).
 */
export const REFRESH_CSRF_HEADER = 'x-ideas-lab-refresh';

const attributes = `Path=${REFRESH_COOKIE_PATH}; HttpOnly; Secure; SameSite=Strict`;

export function refreshCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${REFRESH_COOKIE}=${token}; ${attributes}; Max-Age=${maxAge}`;
}

export function clearedRefreshCookie(): string {
  return `${REFRESH_COOKIE}=; ${attributes}; Max-Age=0`;
}

/** The refresh token a request carries in its cookie, or null. */
export function refreshTokenOf(
  headers: Record<string, string | string[] | undefined>,
): string | null {
  const cookie = headers.cookie;
  if (typeof cookie !== 'string') return null;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value || null;
    }
  }
  return null;
}

/** Routes that act on the cookie refuse requests without the header (see REFRESH_CSRF_HEADER). */
export function requireRefreshHeader(headers: Record<string, string | string[] | undefined>): void {
  if (headers[REFRESH_CSRF_HEADER] !== '1') {
    throw new IdentityError(
      'REFRESH_HEADER_REQUIRED',
      `Send the header "${REFRESH_CSRF_HEADER}: 1" with this request (it guards the session cookie against cross-site requests).`,
    );
  }
}

export function sessionWithCookie(
  reply: { header(name: string, value: string): unknown },
  session: AuthSession,
): SessionView {
  const { refreshToken, ...view } = session;
  reply.header('set-cookie', refreshCookie(refreshToken, new Date(session.refreshTokenExpiresAt)));
  return view;
}
