import { liveApi } from '../features/live/api';
import { reviewApi } from '../features/review/api';
import { selectionApi } from '../features/selection/api';
import { workshopApi } from '../features/workshop/api';
import { REFRESH_HEADERS } from './client';
import { client } from './session';
import type {
  Application,
  ApplicationFilters,
  ApplicationForm,
  ApplicationPage,
  ApplicationPatch,
  AuditPage,
  AuditVerification,
  AuthSession,
  CallPage,
  CreatedInvitation,
  FormQuestion,
  Funnel,
  InvitableRole,
  Invitation,
  InvitationPreview,
  Lab,
  LabMember,
  LabPatch,
  LabPhase,
  LabRole,
  LabSummary,
  Me,
  MyApplication,
  NewLabInput,
} from './types';

export { ApiError, describeError, isApiError } from './api-error';
export type { SessionState } from './client';
export * from './types';

export { client } from './session';
export { data, http, queryClient } from './http';

const id = (value: string) => encodeURIComponent(value);

/** One typed function per API route. */
export const api = {
  auth: {
    async register(input: { email: string; password: string; displayName: string }): Promise<Me> {
      const session = await client.request<AuthSession>('POST', '/auth/register', {
        body: input,
        auth: false,
      });
      return client.startSession(session);
    },
    async login(input: { email: string; password: string }): Promise<Me> {
      const session = await client.request<AuthSession>('POST', '/auth/login', {
        body: input,
        auth: false,
      });
      return client.startSession(session);
    },
    async logout(): Promise<void> {
      try {
        await client.request<void>('POST', '/auth/logout', {
          headers: REFRESH_HEADERS,
          auth: false,
        });
      } finally {
        // Signing out locally must work even when the server cannot be reached.
        client.endSession();
      }
    },
  },
  me: {
    async reload(): Promise<Me> {
      const me = await client.request<Me>('GET', '/me');
      client.updateUser(me);
      return me;
    },
    /** Every other session ends; this one goes on with the new session the server returns. */
    async changePassword(input: { currentPassword: string; newPassword: string }): Promise<Me> {
      const session = await client.request<AuthSession>('POST', '/me/password', { body: input });
      return client.startSession(session);
    },
  },
  labs: {
    list: () => client.request<LabSummary[]>('GET', '/labs'),
    get: (labId: string) => client.request<Lab>('GET', `/labs/${id(labId)}`),
    create: (input: NewLabInput) => client.request<Lab>('POST', '/labs', { body: input }),
    update: (labId: string, patch: LabPatch) =>
      client.request<Lab>('PATCH', `/labs/${id(labId)}`, { body: patch }),
    movePhase: (labId: string, to: LabPhase, acceptUnderCapacity?: boolean) =>
      client.request<Lab>('POST', `/labs/${id(labId)}/phase`, {
        body: acceptUnderCapacity ? { to, acceptUnderCapacity } : { to },
      }),
    members: (labId: string) => client.request<LabMember[]>('GET', `/labs/${id(labId)}/members`),
    addMember: (labId: string, input: { email: string; role: InvitableRole }) =>
      client.request<void>('POST', `/labs/${id(labId)}/members`, { body: input }),
    removeMember: (labId: string, userId: string, role: LabRole) =>
      client.request<void>('DELETE', `/labs/${id(labId)}/members/${id(userId)}/${id(role)}`),
    invitations: (labId: string) =>
      client.request<Invitation[]>('GET', `/labs/${id(labId)}/invitations`),
    invite: (
      labId: string,
      input: { email: string; role: InvitableRole } | { role: 'mentor'; anyoneWithLink: true },
    ) =>
      client.request<CreatedInvitation>('POST', `/labs/${id(labId)}/invitations`, { body: input }),
    revokeInvitation: (labId: string, invitationId: string) =>
      client.request<void>('DELETE', `/labs/${id(labId)}/invitations/${id(invitationId)}`),
    audit: (labId: string, page: { limit?: number; before?: number } = {}) =>
      client.request<AuditPage>('GET', `/labs/${id(labId)}/audit`, { query: page }),
    verifyAudit: (labId: string) =>
      client.request<AuditVerification>('GET', `/labs/${id(labId)}/audit/verify`),
  },
  invitations: {
    preview: (token: string) =>
      client.request<InvitationPreview>('GET', `/invitations/${id(token)}`, { auth: false }),
    accept: (token: string) =>
      client.request<{ labId: string; role: InvitableRole }>(
        'POST',
        `/invitations/${id(token)}/accept`,
      ),
  },
  applicationForms: {
    current: (labId: string) =>
      client.request<ApplicationForm>('GET', `/labs/${id(labId)}/application-form`),
    publish: (labId: string, questions: FormQuestion[]) =>
      client.request<ApplicationForm>('PUT', `/labs/${id(labId)}/application-form`, {
        body: { questions },
      }),
  },
  applications: {
    start: (labId: string) =>
      client.request<Application>('POST', `/labs/${id(labId)}/applications`),
    mine: () => client.request<MyApplication[]>('GET', '/me/applications'),
    get: (applicationId: string) =>
      client.request<Application>('GET', `/applications/${id(applicationId)}`),
    update: (applicationId: string, patch: ApplicationPatch) =>
      client.request<Application>('PATCH', `/applications/${id(applicationId)}`, { body: patch }),
    submit: (applicationId: string, version: number) =>
      client.request<Application>('POST', `/applications/${id(applicationId)}/submit`, {
        body: { version },
      }),
    withdraw: (applicationId: string) =>
      client.request<Application>('POST', `/applications/${id(applicationId)}/withdraw`),
    ofLab: (labId: string, query: ApplicationFilters & { page?: number; pageSize?: number }) =>
      client.request<ApplicationPage>('GET', `/labs/${id(labId)}/applications`, { query }),
    exportCsv: (labId: string, query: ApplicationFilters) =>
      client.download(`/labs/${id(labId)}/applications.csv`, { query }),
    funnel: (labId: string) =>
      client.request<Funnel>('GET', `/labs/${id(labId)}/applications/funnel`),
    grantExtension: (labId: string, applicationId: string, until: string) =>
      client.request<Application>(
        'POST',
        `/labs/${id(labId)}/applications/${id(applicationId)}/extension`,
        { body: { until } },
      ),
  },
  calls: {
    get: (slug: string) => client.request<CallPage>('GET', `/calls/${id(slug)}`, { auth: false }),
  },
  review: reviewApi(client),
  selection: selectionApi(client),
  workshop: workshopApi(client),
  live: liveApi(client),
};
