import { createPostgresDataSource, platformEntities } from '@ideas-lab/platform';
import { identityEntities } from '@ideas-lab/identity';
import { labsEntities } from '@ideas-lab/labs';
import { migrations } from '../../../migrations/index.js';

/** Every entity of every feature: the schema the migrations must match. */
export const entities = [...platformEntities, ...identityEntities, ...labsEntities];

export function createDataSource(url: string, poolSize?: number) {
  return createPostgresDataSource({ url, entities, migrations, poolSize });
}
