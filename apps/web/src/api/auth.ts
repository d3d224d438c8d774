import { REFRESH_HEADERS } from './client';
import { data, http } from './http';
import { client } from './session';
import type { Me, Schema } from './types';

/**
 * Signing in, up and out, and the signed-in person's own account: each call that answers with
 * a session hands it to the session keeper (token in memory, refresh cookie, other tabs told).
 */
export const account = {
  async register(body: Schema<'Register'>): Promise<Me> {
    return client.startSession(await data(http.POST('/api/auth/register', { body })));
  },
  /** An account with the invited address, the invitation accepted with it (one step). */
  async registerWithInvitation(token: string, body: Schema<'RegisterWithInvitation'>): Promise<Me> {
    return client.startSession(
      await data(
        http.POST('/api/invitations/{token}/sign-up', { params: { path: { token } }, body }),
      ),
    );
  },
  async login(body: Schema<'Login'>): Promise<Me> {
    return client.startSession(await data(http.POST('/api/auth/login', { body })));
  },
  async logout(): Promise<void> {
    try {
      await http.POST('/api/auth/logout', {
        params: { header: { 'x-ideas-lab-refresh': REFRESH_HEADERS['X-Ideas-Lab-Refresh'] } },
      });
    } finally {
      // Signing out locally must work even when the server cannot be reached.
      client.endSession();
    }
  },
  /** Reads the signed-in person again (their lab roles change when they join a lab). */
  async refreshMe(): Promise<Me> {
    const me = await data(http.GET('/api/me'));
    client.updateUser(me);
    return me;
  },
  /** Every other session ends; this one goes on with the new session the server returns. */
  async changePassword(body: Schema<'ChangePassword'>): Promise<Me> {
    return client.startSession(await data(http.POST('/api/me/password', { body })));
  },
};
