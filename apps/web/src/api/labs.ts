import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { data, http, queryClient } from './http';
import type { Lab, QueryOf, Schema } from './types';

/**
 * Query keys of everything that belongs to a lab start with `labKeys.lab(labId)`, so one
 * invalidation refreshes every screen of that lab; each resource has its own key below it.
 */
export const labKeys = {
  mine: ['labs'] as const,
  lab: (labId: string) => ['lab', labId] as const,
  view: (labId: string) => ['lab', labId, 'view'] as const,
  phaseOptions: (labId: string) => ['lab', labId, 'phase-options'] as const,
  members: (labId: string) => ['lab', labId, 'members'] as const,
  invitations: (labId: string) => ['lab', labId, 'invitations'] as const,
  audit: (labId: string) => ['lab', labId, 'audit'] as const,
};

const lab = (labId: string) => ({ params: { path: { labId } } });

const AUDIT_PAGE_SIZE = 25;

export type MemberFilters = QueryOf<'/api/labs/{labId}/members'>;

export const labQueries = {
  /** What an invitation link offers, readable before signing in. */
  invitationPreview: (token: string) =>
    queryOptions({
      queryKey: ['invitation', token],
      queryFn: () => data(http.GET('/api/invitations/{token}', { params: { path: { token } } })),
    }),
  /** The invited address in full, for sign-up through the invitation (the token is the proof). */
  invitationSignUp: (token: string) =>
    queryOptions({
      queryKey: ['invitation', token, 'sign-up'],
      queryFn: () =>
        data(http.GET('/api/invitations/{token}/sign-up', { params: { path: { token } } })),
    }),
  mine: () => queryOptions({ queryKey: labKeys.mine, queryFn: () => data(http.GET('/api/labs')) }),
  view: (labId: string) =>
    queryOptions({
      queryKey: labKeys.view(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}', lab(labId))),
    }),
  phaseOptions: (labId: string) =>
    queryOptions({
      queryKey: labKeys.phaseOptions(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/phase-options', lab(labId))),
    }),
  members: (labId: string, filters: MemberFilters = {}) =>
    queryOptions({
      queryKey: [...labKeys.members(labId), filters],
      queryFn: () =>
        data(
          http.GET('/api/labs/{labId}/members', {
            params: { path: { labId }, query: filters },
          }),
        ),
    }),
  invitations: (labId: string) =>
    queryOptions({
      queryKey: labKeys.invitations(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/invitations', lab(labId))),
    }),
  /** The audit log, newest first, a page at a time (each page says where the next begins). */
  audit: (labId: string) =>
    infiniteQueryOptions({
      queryKey: labKeys.audit(labId),
      initialPageParam: undefined as number | undefined,
      queryFn: ({ pageParam }) =>
        data(
          http.GET('/api/labs/{labId}/audit', {
            params: { path: { labId }, query: { limit: AUDIT_PAGE_SIZE, before: pageParam } },
          }),
        ),
      getNextPageParam: (page) => page.nextBefore ?? undefined,
    }),
  auditVerification: (labId: string) =>
    queryOptions({
      queryKey: [...labKeys.lab(labId), 'audit-verification'],
      queryFn: () => data(http.GET('/api/labs/{labId}/audit/verify', lab(labId))),
      // Verifying walks the whole chain: only when asked.
      enabled: false,
    }),
};

export const labCommands = {
  acceptInvitation: (token: string) =>
    data(http.POST('/api/invitations/{token}/accept', { params: { path: { token } } })),
  create: (body: Schema<'CreateLab'>) => data(http.POST('/api/labs', { body })),
  update: (labId: string, body: Schema<'UpdateLab'>) =>
    data(http.PATCH('/api/labs/{labId}', { ...lab(labId), body })),
  movePhase: (labId: string, body: Schema<'ChangePhase'>) =>
    data(http.POST('/api/labs/{labId}/phase', { ...lab(labId), body })),
  addMember: (labId: string, body: Schema<'AddMember'>) =>
    data(http.POST('/api/labs/{labId}/members', { ...lab(labId), body })),
  removeMember: (labId: string, userId: string, role: Schema<'Member'>['role']) =>
    data(
      http.DELETE('/api/labs/{labId}/members/{userId}/{role}', {
        params: { path: { labId, userId, role } },
      }),
    ),
  invite: (labId: string, body: Schema<'CreateInvitation'>) =>
    data(http.POST('/api/labs/{labId}/invitations', { ...lab(labId), body })),
  revokeInvitation: (labId: string, invitationId: string) =>
    data(
      http.DELETE('/api/labs/{labId}/invitations/{invitationId}', {
        params: { path: { labId, invitationId } },
      }),
    ),
};

/**
 * The lab as the server answered after a change: every screen of the lab shows it at once, and
 * what depends on its phase or settings is read again.
 */
export function showChangedLab(updated: Lab): void {
  queryClient.setQueryData(labKeys.view(updated.id), updated);
  void queryClient.invalidateQueries({ queryKey: labKeys.phaseOptions(updated.id) });
  void queryClient.invalidateQueries({ queryKey: labKeys.mine });
}
