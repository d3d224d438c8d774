import { uuidParam } from '@ideas-lab/platform';

/** Path ids that must be UUIDs; anything else is a clear 400 naming the parameter. */
export const LabId = uuidParam('labId');
export const IdeaId = uuidParam('ideaId');
export const RunId = uuidParam('runId');
export const TeamId = uuidParam('teamId');
