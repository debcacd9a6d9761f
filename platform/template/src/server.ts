import { createSubgraphServer, trustedKeyOrThrow, type SubgraphDeps, type SubgraphServer } from '@etika/kit';
import type { __Name__Context } from './context.ts';
import { ItemService } from './item/item.service.ts';
import { build__Name__Schema } from './schema.ts';

/** Builds the __name__ subgraph without listening, so tests and the platform build it the same way. */
export async function build__Name__Server(deps: SubgraphDeps): Promise<SubgraphServer<__Name__Context>> {
  const items = new ItemService(deps.database.db);
  return createSubgraphServer<__Name__Context>({
    name: '__name__',
    schema: await build__Name__Schema(),
    db: deps.database.db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, items }),
  });
}
