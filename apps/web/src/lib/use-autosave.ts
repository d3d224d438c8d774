import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError, type AnswerValue, type ApplicantProfile, type Application } from '../api';
import { applicationCommands } from '../api/applications';
import { formatLabClock } from './lab-time';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** Not saved; `retry` says whether trying again may help (a network failure) or not (a deadline). */
  | { kind: 'failed'; message: string; code: string; retry: boolean }
  /** The application changed elsewhere (another tab): saving stops until the person reloads. */
  | { kind: 'conflict'; message: string };

type ProfilePatch = { [K in keyof ApplicantProfile]?: ApplicantProfile[K] | null };

interface Pending {
  profile: ProfilePatch;
  answers: Record<string, AnswerValue | null>;
}

const empty = (): Pending => ({ profile: {}, answers: {} });
const isEmpty = (p: Pending) =>
  Object.keys(p.profile).length === 0 && Object.keys(p.answers).length === 0;

export const AUTOSAVE_DELAY_MS = 800;

/**
 * Autosave of an application: changes are gathered and sent as one PATCH a moment after the
 * person stops typing, with the version they were made on. One save is in flight at a time;
 * changes made meanwhile go in the next one. A version conflict stops saving (the person
 * reloads, nothing is overwritten); any other refusal says why and keeps the changes.
 */
export function useAutosave(initial: Application, onSaved?: (application: Application) => void) {
  const [application, setApplication] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [fieldProblems, setFieldProblems] = useState<{ field: string; message: string }[]>([]);
  const version = useRef(initial.version);
  const pending = useRef<Pending>(empty());
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  // The next save, a moment from now; set below once `save` exists (save schedules itself).
  const scheduleSave = useRef<() => void>(() => undefined);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (stopped.current || isEmpty(pending.current)) return;
    const sending = pending.current;
    pending.current = empty();
    setState({ kind: 'saving' });
    const request = applicationCommands
      .update(initial.id, {
        version: version.current,
        ...(Object.keys(sending.profile).length > 0 ? { profile: sending.profile } : {}),
        ...(Object.keys(sending.answers).length > 0 ? { answers: sending.answers } : {}),
      })
      .then(
        (saved) => {
          version.current = saved.version;
          setApplication(saved);
          setFieldProblems([]);
          onSavedRef.current?.(saved);
          setState(
            isEmpty(pending.current) ? { kind: 'saved', at: new Date() } : { kind: 'pending' },
          );
        },
        (error: unknown) => {
          // Keep what was not saved, under anything typed since.
          pending.current = {
            profile: { ...sending.profile, ...pending.current.profile },
            answers: { ...sending.answers, ...pending.current.answers },
          };
          if (isApiError(error) && error.code === 'APPLICATION_VERSION_CONFLICT') {
            stopped.current = true;
            setState({ kind: 'conflict', message: error.message });
            return;
          }
          const code = isApiError(error) ? error.code : 'UNKNOWN';
          if (isApiError(error)) setFieldProblems(error.details);
          setState({
            kind: 'failed',
            code,
            message: error instanceof Error ? error.message : 'The changes could not be saved.',
            retry: code === 'NETWORK_ERROR' || (isApiError(error) && error.status >= 500),
          });
        },
      )
      .finally(() => {
        inFlight.current = null;
      });
    inFlight.current = request;
    await request;
    // Changes typed while this save was in flight go out next.
    if (!stopped.current && !isEmpty(pending.current)) scheduleSave.current();
  }, [initial.id]);

  useEffect(() => {
    scheduleSave.current = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    };
  }, [save]);

  const change = useCallback((patch: Partial<Pending>) => {
    if (stopped.current) return;
    pending.current = {
      profile: { ...pending.current.profile, ...patch.profile },
      answers: { ...pending.current.answers, ...patch.answers },
    };
    setState((s) => (s.kind === 'saving' ? s : { kind: 'pending' }));
    scheduleSave.current();
  }, []);

  /** Saves what is pending now (before submitting) and tells whether everything is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    await save();
    if (inFlight.current) await inFlight.current;
    return !stopped.current && isEmpty(pending.current);
  }, [save]);

  /** After a submit or withdraw elsewhere on the screen: the new version to save on. */
  const adopt = useCallback((next: Application) => {
    version.current = next.version;
    setApplication(next);
  }, []);

  // Leaving the screen sends what is pending; closing the tab warns when something is unsaved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!isEmpty(pending.current) || inFlight.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (!isEmpty(pending.current) && !stopped.current) void save();
    };
  }, [save]);

  return { application, state, fieldProblems, change, flush, adopt, save };
}

/**
 * What the save status says: "Saving…", "Saved at 09:03 GMT-4 · 22:03 GMT+9 your time.",
 * "Not saved: …". The time follows the one rule: the lab's clock with its zone, then the
 * reader's own when it differs.
 */
export function describeSaveState(state: SaveState, labTimezone: string): string {
  switch (state.kind) {
    case 'idle':
      return 'Your answers are saved as you type.';
    case 'pending':
      return 'Changes not saved yet…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatLabClock(state.at.toISOString(), labTimezone)}.`;
    case 'failed':
      // A refusal for good (the deadline) is explained in the alert beside it.
      return state.retry ? `Not saved: ${state.message}` : 'Not saved.';
    case 'conflict':
      return 'Not saved: this application was changed elsewhere.';
  }
}
