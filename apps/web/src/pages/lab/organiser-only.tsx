import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { useLab } from './lab-context';

/** Organiser tabs: anyone else is sent back to the lab's overview. The server checks too. */
export function OrganiserOnly({ children }: { children: ReactNode }) {
  const { canOrganise } = useLab();
  return canOrganise ? <>{children}</> : <Navigate to=".." replace />;
}
