import { useQuery } from '@tanstack/react-query';
import { applicationQueries } from '../../api/applications';
import { labQueries } from '../../api/labs';

/** An application and the lab it belongs to (its title, taxonomy, time zone), read together. */
export function useApplicationWithLab(applicationId: string) {
  const application = useQuery(applicationQueries.application(applicationId));
  const labId = application.data?.labId;
  const lab = useQuery({ ...labQueries.view(labId ?? ''), enabled: labId !== undefined });
  const error = application.error ?? lab.error;
  return {
    isError: error !== null,
    error,
    data:
      application.data && lab.data ? { application: application.data, lab: lab.data } : undefined,
  };
}
