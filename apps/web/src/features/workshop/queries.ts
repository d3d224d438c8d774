import { queryOptions } from '@tanstack/react-query';
import { queryClient } from '../../api/http';
import { labKeys } from '../../api/labs';
import { workshopApi, type Rounds } from './api';

/** Every query key of the workshop (agenda, breakout rounds, plans), under the lab's own key. */
export const workshopKeys = {
  all: (labId: string) => [...labKeys.lab(labId), 'workshop'] as const,
  agenda: (labId: string) => [...workshopKeys.all(labId), 'agenda'] as const,
  participants: (labId: string) => [...workshopKeys.all(labId), 'participants'] as const,
  settings: (labId: string) => [...workshopKeys.all(labId), 'settings'] as const,
  session: (labId: string, sessionId: string) =>
    [...workshopKeys.all(labId), 'session', sessionId] as const,
  rounds: (labId: string, sessionId: string) =>
    [...workshopKeys.session(labId, sessionId), 'rounds'] as const,
  plans: (labId: string, sessionId: string) =>
    [...workshopKeys.session(labId, sessionId), 'plans'] as const,
  metMatrix: (labId: string, sessionId: string) =>
    [...workshopKeys.session(labId, sessionId), 'met-matrix'] as const,
};

export const workshopQueries = {
  agenda: (labId: string) =>
    queryOptions({
      queryKey: workshopKeys.agenda(labId),
      queryFn: () => workshopApi.agenda.get(labId),
    }),
  participants: (labId: string) =>
    queryOptions({
      queryKey: workshopKeys.participants(labId),
      queryFn: () => workshopApi.participants.list(labId),
    }),
  settings: (labId: string) =>
    queryOptions({
      queryKey: workshopKeys.settings(labId),
      queryFn: () => workshopApi.settings.get(labId),
    }),
  rounds: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: workshopKeys.rounds(labId, sessionId),
      queryFn: () => workshopApi.breakout.rounds(labId, sessionId),
    }),
  plans: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: workshopKeys.plans(labId, sessionId),
      queryFn: () => workshopApi.breakout.plans(labId, sessionId),
    }),
  metMatrix: (labId: string, sessionId: string) =>
    queryOptions({
      queryKey: workshopKeys.metMatrix(labId, sessionId),
      queryFn: () => workshopApi.breakout.metMatrix(labId, sessionId),
    }),
};

/** The rounds as the server answered a change: shown at once, and what follows from them read again. */
export function showRounds(labId: string, sessionId: string, rounds: Rounds): void {
  queryClient.setQueryData(workshopKeys.rounds(labId, sessionId), rounds);
  void queryClient.invalidateQueries({ queryKey: workshopKeys.metMatrix(labId, sessionId) });
}

/** Something of a breakout session changed: its rounds, plans and met matrix are read again. */
export function sessionChanged(labId: string, sessionId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: workshopKeys.session(labId, sessionId) });
}

/** The agenda changed: every view of it (agenda, live views, session pickers) reads it again. */
export function agendaChanged(labId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: workshopKeys.agenda(labId) });
}
