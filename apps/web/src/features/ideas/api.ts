import { data, http } from '../../api/http';
import type { components, paths } from '../../api/generated/openapi';

type Schemas = components['schemas'];
export type Idea = Schemas['Idea'];
export type IdeaPerson = Schemas['IdeaPerson'];
export type IdeaBoard = Schemas['IdeaBoard'];
export type IdeaRevision = Schemas['IdeaRevision'];
export type RevisionComparison = Schemas['RevisionComparison'];
export type IdeaComment = Schemas['IdeaComment'];
export type IdeaSupporters = Schemas['IdeaSupporters'];
export type IdeaMerge = Schemas['IdeaMerge'];
export type VotingSession = Schemas['VotingSession'];
export type MyBallot = Schemas['MyBallot'];
export type Shortlist = Schemas['Shortlist'];
export type CreateIdea = Schemas['CreateIdea'];
export type EditIdea = Schemas['EditIdea'];
export type OpenVotingSession = Schemas['OpenVotingSession'];
/** The board's filters, as the list route reads them from its query string. */
export type IdeasQuery = NonNullable<
  paths['/api/labs/{labId}/ideas']['get']['parameters']['query']
>;

const lab = (labId: string) => ({ params: { path: { labId } } });
const idea = (labId: string, ideaId: string) => ({ params: { path: { labId, ideaId } } });

/** Query keys of the board and voting: one place, so mutations and live notices refresh the same ones. */
export const ideasKeys = {
  all: (labId: string) => ['ideas', labId] as const,
  board: (labId: string) => ['ideas', labId, 'board'] as const,
  lists: (labId: string) => ['ideas', labId, 'list'] as const,
  list: (labId: string, query: IdeasQuery) => ['ideas', labId, 'list', query] as const,
  idea: (labId: string, ideaId: string) => ['ideas', labId, 'idea', ideaId] as const,
  revisions: (labId: string, ideaId: string) =>
    ['ideas', labId, 'idea', ideaId, 'revisions'] as const,
  compare: (labId: string, ideaId: string, from: string, to: string) =>
    ['ideas', labId, 'idea', ideaId, 'compare', from, to] as const,
  comments: (labId: string, ideaId: string) =>
    ['ideas', labId, 'idea', ideaId, 'comments'] as const,
  supporters: (labId: string, ideaId: string) =>
    ['ideas', labId, 'idea', ideaId, 'supporters'] as const,
  merges: (labId: string) => ['ideas', labId, 'merges'] as const,
  voting: (labId: string) => ['ideas', labId, 'voting'] as const,
  shortlist: (labId: string) => ['ideas', labId, 'shortlist'] as const,
  people: (labId: string, q: string) => ['ideas', labId, 'people', q] as const,
};

export const ideasApi = {
  board: (labId: string) => data(http.GET('/api/labs/{labId}/idea-board', lab(labId))),
  /** Participants and mentors found by name, to name co-champions. */
  people: (labId: string, q: string) =>
    data(
      http.GET('/api/labs/{labId}/idea-board/people', {
        params: { path: { labId }, query: { q } },
      }),
    ),
  list: (labId: string, query: IdeasQuery) =>
    data(http.GET('/api/labs/{labId}/ideas', { params: { path: { labId }, query } })),
  create: (labId: string, body: CreateIdea) =>
    data(http.POST('/api/labs/{labId}/ideas', { ...lab(labId), body })),
  idea: (labId: string, ideaId: string) =>
    data(http.GET('/api/labs/{labId}/ideas/{ideaId}', idea(labId, ideaId))),
  edit: (labId: string, ideaId: string, body: EditIdea) =>
    data(http.PATCH('/api/labs/{labId}/ideas/{ideaId}', { ...idea(labId, ideaId), body })),
  revisions: (labId: string, ideaId: string) =>
    data(http.GET('/api/labs/{labId}/ideas/{ideaId}/revisions', idea(labId, ideaId))),
  compare: (labId: string, ideaId: string, from: string, to: string) =>
    data(
      http.GET('/api/labs/{labId}/ideas/{ideaId}/revisions/compare', {
        params: { path: { labId, ideaId }, query: { from, to } },
      }),
    ),
  comments: (labId: string, ideaId: string) =>
    data(http.GET('/api/labs/{labId}/ideas/{ideaId}/comments', idea(labId, ideaId))),
  comment: (labId: string, ideaId: string, body: string, parentId?: string) =>
    data(
      http.POST('/api/labs/{labId}/ideas/{ideaId}/comments', {
        ...idea(labId, ideaId),
        body: parentId ? { body, parentId } : { body },
      }),
    ),
  markAddressed: (labId: string, ideaId: string, commentId: string, addressed: boolean) =>
    data(
      http.PUT('/api/labs/{labId}/ideas/{ideaId}/comments/{commentId}/addressed', {
        params: { path: { labId, ideaId, commentId } },
        body: { addressed },
      }),
    ),
  supporters: (labId: string, ideaId: string) =>
    data(http.GET('/api/labs/{labId}/ideas/{ideaId}/supporters', idea(labId, ideaId))),
  support: (labId: string, ideaId: string, yes: boolean) =>
    data(
      yes
        ? http.PUT('/api/labs/{labId}/ideas/{ideaId}/support', idea(labId, ideaId))
        : http.DELETE('/api/labs/{labId}/ideas/{ideaId}/support', idea(labId, ideaId)),
    ),
  setTheme: (labId: string, ideaId: string, themeId: string | null) =>
    data(
      http.PUT('/api/labs/{labId}/ideas/{ideaId}/theme', {
        ...idea(labId, ideaId),
        body: { themeId },
      }),
    ),
  archive: (labId: string, ideaId: string, restore = false) =>
    data(
      restore
        ? http.POST('/api/labs/{labId}/ideas/{ideaId}/restore', idea(labId, ideaId))
        : http.POST('/api/labs/{labId}/ideas/{ideaId}/archive', idea(labId, ideaId)),
    ),
  putBoard: (labId: string, body: Schemas['PutIdeaBoard']) =>
    data(http.PUT('/api/labs/{labId}/idea-board', { ...lab(labId), body })),
  removeTheme: (labId: string, themeId: string) =>
    data(
      http.DELETE('/api/labs/{labId}/idea-board/themes/{themeId}', {
        params: { path: { labId, themeId } },
      }),
    ),
  addTheme: (labId: string, name: string) =>
    data(http.POST('/api/labs/{labId}/idea-board/themes', { ...lab(labId), body: { name } })),
  merges: (labId: string) => data(http.GET('/api/labs/{labId}/idea-merges', lab(labId))),
  merge: (labId: string, targetIdeaId: string, sourceIdeaIds: string[]) =>
    data(
      http.POST('/api/labs/{labId}/idea-merges', {
        ...lab(labId),
        body: { targetIdeaId, sourceIdeaIds },
      }),
    ),
  answerMerge: (labId: string, mergeId: string, accept: boolean) =>
    data(
      accept
        ? http.POST('/api/labs/{labId}/idea-merges/{mergeId}/accept', {
            params: { path: { labId, mergeId } },
          })
        : http.POST('/api/labs/{labId}/idea-merges/{mergeId}/decline', {
            params: { path: { labId, mergeId } },
          }),
    ),
  votingSessions: (labId: string) =>
    data(http.GET('/api/labs/{labId}/voting-sessions', lab(labId))),
  openVoting: (labId: string, body: OpenVotingSession) =>
    data(http.POST('/api/labs/{labId}/voting-sessions', { ...lab(labId), body })),
  closeVoting: (labId: string, sessionId: string) =>
    data(
      http.POST('/api/labs/{labId}/voting-sessions/{sessionId}/close', {
        params: { path: { labId, sessionId } },
      }),
    ),
  dot: (labId: string, sessionId: string, ideaId: string, delta: 1 | -1) =>
    data(
      http.POST('/api/labs/{labId}/voting-sessions/{sessionId}/dots', {
        params: { path: { labId, sessionId } },
        body: { ideaId, delta },
      }),
    ),
  shortlist: (labId: string) => data(http.GET('/api/labs/{labId}/shortlist', lab(labId))),
  putShortlist: (labId: string, ideaIds: string[], version: number) =>
    data(http.PUT('/api/labs/{labId}/shortlist', { ...lab(labId), body: { ideaIds, version } })),
};
