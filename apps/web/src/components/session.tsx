import { useSyncExternalStore, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { client, type Me, type SessionState } from '../api';
import { Loading } from './feedback';

export function useSession(): SessionState {
  return useSyncExternalStore(client.subscribe, client.getState);
}

/** The signed-in user; only for screens rendered inside <RequireSignIn>. */
export function useUser(): Me {
  const session = useSession();
  if (session.status !== 'signed-in') throw new Error('useUser() used outside <RequireSignIn>');
  return session.user;
}

/** Where to go after signing in: the `next` the sign-in page was sent with, if it is ours. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/labs';
}

export function RequireSignIn({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading what="your session" />;
  if (session.status === 'signed-out') {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
