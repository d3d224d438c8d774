import { data, http } from '../../api/http';
import type { components } from '../../api/generated/openapi';

type Schemas = components['schemas'];
export type FormationBoard = Schemas['FormationBoard'];
export type FormationOverview = Schemas['FormationOverview'];
export type FormationRun = Schemas['FormationRun'];
export type FormationRunSummary = Schemas['FormationRunSummary'];
export type FormationRules = Schemas['FormationRules'];
export type FormationSettings = Schemas['FormationSettings'];
export type MyInterests = Schemas['MyInterests'];
export type MyTeam = Schemas['MyTeam'];
export type FormationPerson = Schemas['FormationPerson'];
export type OrganiserTeam = Schemas['FormationOrganiserTeam'];
export type TeamComposition = Schemas['TeamComposition'];
export type MoveChecked = Schemas['MoveChecked'];

const lab = (labId: string) => ({ params: { path: { labId } } });

/** Query keys of team formation: one place, so mutations and live events invalidate the same ones. */
export const formationKeys = {
  all: (labId: string) => ['formation', labId] as const,
  board: (labId: string) => ['formation', labId, 'board'] as const,
  myTeam: (labId: string) => ['formation', labId, 'my-team'] as const,
  interests: (labId: string) => ['formation', labId, 'interests'] as const,
  overview: (labId: string) => ['formation', labId, 'overview'] as const,
  runs: (labId: string) => ['formation', labId, 'runs'] as const,
  run: (labId: string, runId: string) => ['formation', labId, 'runs', runId] as const,
  people: (labId: string, q: string) => ['formation', labId, 'people', q] as const,
};

export const formationApi = {
  board: (labId: string) => data(http.GET('/api/labs/{labId}/formation/board', lab(labId))),
  myTeam: (labId: string) => data(http.GET('/api/labs/{labId}/formation/my-team', lab(labId))),
  interests: (labId: string) =>
    data(http.GET('/api/labs/{labId}/formation/interests/me', lab(labId))),
  putInterests: (labId: string, body: Schemas['PutMyInterests']) =>
    data(http.PUT('/api/labs/{labId}/formation/interests/me', { ...lab(labId), body })),
  people: (labId: string, q: string) =>
    data(
      http.GET('/api/labs/{labId}/formation/people', {
        params: { path: { labId }, query: { q } },
      }),
    ),
  join: (labId: string, ideaId: string) =>
    data(
      http.POST('/api/labs/{labId}/formation/ideas/{ideaId}/join', {
        params: { path: { labId, ideaId } },
      }),
    ),
  leave: (labId: string) => data(http.POST('/api/labs/{labId}/formation/leave', lab(labId))),
  overview: (labId: string) => data(http.GET('/api/labs/{labId}/formation', lab(labId))),
  putSettings: (labId: string, body: Schemas['PutFormationSettings']) =>
    data(http.PUT('/api/labs/{labId}/formation/settings', { ...lab(labId), body })),
  runs: (labId: string) => data(http.GET('/api/labs/{labId}/formation/runs', lab(labId))),
  run: (labId: string, runId: string) =>
    data(
      http.GET('/api/labs/{labId}/formation/runs/{runId}', { params: { path: { labId, runId } } }),
    ),
  createRun: (labId: string, seed: string | undefined) =>
    data(
      http.POST('/api/labs/{labId}/formation/runs', {
        ...lab(labId),
        body: seed ? { seed } : {},
      }),
    ),
  adopt: (labId: string, runId: string) =>
    data(
      http.POST('/api/labs/{labId}/formation/runs/{runId}/adopt', {
        params: { path: { labId, runId } },
      }),
    ),
  move: (labId: string, body: Schemas['MoveMember']) =>
    data(http.POST('/api/labs/{labId}/formation/moves', { ...lab(labId), body })),
  lock: (labId: string, teamId: string, version: number, unlock = false) =>
    data(
      http.POST(
        unlock
          ? '/api/labs/{labId}/formation/teams/{teamId}/unlock'
          : '/api/labs/{labId}/formation/teams/{teamId}/lock',
        { params: { path: { labId, teamId } }, body: { version } },
      ),
    ),
  confirm: (labId: string, teamId: string, body: Schemas['ConfirmTeam']) =>
    data(
      http.POST('/api/labs/{labId}/formation/teams/{teamId}/confirm', {
        params: { path: { labId, teamId } },
        body,
      }),
    ),
};
