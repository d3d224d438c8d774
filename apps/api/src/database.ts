import { createPostgresDataSource, platformEntities } from '@ideas-lab/platform';
import { identityEntities } from '@ideas-lab/identity';
import { labsEntities } from '@ideas-lab/labs';
import { applicationsEntities } from '@ideas-lab/applications';
import { workshopEntities } from '@ideas-lab/workshop';
import { reviewEntities } from '@ideas-lab/review';
import { liveEntities } from '@ideas-lab/live';
import { selectionEntities } from '@ideas-lab/selection';
import { ideasEntities } from '@ideas-lab/ideas';
import { proposalsEntities } from '@ideas-lab/proposals';
import { formationEntities } from '@ideas-lab/formation';
import { proposalReviewEntities } from '@ideas-lab/proposal-review';
import { pitchesEntities } from '@ideas-lab/pitches';
import { fundingEntities } from '@ideas-lab/funding';
import { migrations } from '../../../migrations/index.js';

/** Every entity of every feature: the schema the migrations must match. */
export const entities = [
  ...platformEntities,
  ...identityEntities,
  ...labsEntities,
  ...applicationsEntities,
  ...workshopEntities,
  ...reviewEntities,
  ...liveEntities,
  ...selectionEntities,
  ...ideasEntities,
  ...proposalsEntities,
  ...formationEntities,
  ...proposalReviewEntities,
  ...pitchesEntities,
  ...fundingEntities,
];

export function createDataSource(url: string, poolSize?: number) {
  return createPostgresDataSource({ url, entities, migrations, poolSize });
}
