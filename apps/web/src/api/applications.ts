import { queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { data, download, http } from './http';
import { labKeys } from './labs';
import type { ApplicationFilters, Schema } from './types';

/** Keys of application state: a lab's lists live under the lab, one's own under `me`. */
export const applicationKeys = {
  calls: ['calls'] as const,
  call: (slug: string) => ['calls', slug] as const,
  mine: ['me', 'applications'] as const,
  application: (applicationId: string) => ['application', applicationId] as const,
  form: (labId: string) => [...labKeys.lab(labId), 'application-form'] as const,
  ofLab: (labId: string) => [...labKeys.lab(labId), 'applications'] as const,
  funnel: (labId: string) => [...labKeys.lab(labId), 'funnel'] as const,
};

const lab = (labId: string) => ({ params: { path: { labId } } });
const application = (applicationId: string) => ({ params: { path: { applicationId } } });

export const applicationQueries = {
  calls: () =>
    queryOptions({
      queryKey: applicationKeys.calls,
      queryFn: () => data(http.GET('/api/calls')),
    }),
  call: (slug: string) =>
    queryOptions({
      queryKey: applicationKeys.call(slug),
      queryFn: () => data(http.GET('/api/calls/{slug}', { params: { path: { slug } } })),
    }),
  mine: () =>
    queryOptions({
      queryKey: applicationKeys.mine,
      queryFn: () => data(http.GET('/api/me/applications')),
    }),
  application: (applicationId: string) =>
    queryOptions({
      queryKey: applicationKeys.application(applicationId),
      queryFn: () =>
        data(http.GET('/api/applications/{applicationId}', application(applicationId))),
    }),
  /** The lab's published form, or null while none is published (the editor starts from none). */
  form: (labId: string) =>
    queryOptions({
      queryKey: applicationKeys.form(labId),
      queryFn: async () => {
        try {
          return await data(http.GET('/api/labs/{labId}/application-form', lab(labId)));
        } catch (error) {
          if (isApiError(error) && error.code === 'APPLICATION_FORM_NOT_FOUND') return null;
          throw error;
        }
      },
    }),
  ofLab: (labId: string, query: ApplicationFilters & { page: number; pageSize: number }) =>
    queryOptions({
      queryKey: [...applicationKeys.ofLab(labId), query],
      queryFn: () =>
        data(http.GET('/api/labs/{labId}/applications', { params: { path: { labId }, query } })),
    }),
  funnel: (labId: string) =>
    queryOptions({
      queryKey: applicationKeys.funnel(labId),
      queryFn: () => data(http.GET('/api/labs/{labId}/applications/funnel', lab(labId))),
    }),
};

export const applicationCommands = {
  start: (labId: string) => data(http.POST('/api/labs/{labId}/applications', lab(labId))),
  update: (applicationId: string, body: Schema<'UpdateApplication'>) =>
    data(http.PATCH('/api/applications/{applicationId}', { ...application(applicationId), body })),
  submit: (applicationId: string, version: number) =>
    data(
      http.POST('/api/applications/{applicationId}/submit', {
        ...application(applicationId),
        body: { version },
      }),
    ),
  withdraw: (applicationId: string) =>
    data(http.POST('/api/applications/{applicationId}/withdraw', application(applicationId))),
  publishForm: (labId: string, body: Schema<'PublishApplicationForm'>) =>
    data(http.PUT('/api/labs/{labId}/application-form', { ...lab(labId), body })),
  grantExtension: (labId: string, applicationId: string, until: string) =>
    data(
      http.POST('/api/labs/{labId}/applications/{applicationId}/extension', {
        params: { path: { labId, applicationId } },
        body: { until },
      }),
    ),
  exportCsv: (labId: string, query: ApplicationFilters) =>
    download(
      http.GET('/api/labs/{labId}/applications.csv', {
        params: { path: { labId }, query },
        parseAs: 'blob',
      }),
    ),
};
