import { createSubgraphServer, peerUrlOrThrow, startOutboxRelay, type SubgraphDeps, type SubgraphServer, trustedKeyOrThrow } from '@etika/kit';
import type { TokenContext } from './context.ts';
import { LedgerService } from './ledger/ledger.service.ts';
import { httpMemberDirectory } from './ledger/members.client.ts';
import { buildTokenSchema } from './schema.ts';
import { TokenService } from './token/token.service.ts';
import { TransactionService } from './transaction/transaction.service.ts';

export interface TokenServer {
  readonly server: SubgraphServer<TokenContext>;
}

/** The token subgraph and its outbox relay, which publishes committed transactions to the bus. */
export async function buildTokenServer(deps: SubgraphDeps): Promise<TokenServer> {
  const db = deps.database.db;
  const relay = startOutboxRelay({ db, schema: 'token', bus: deps.bus, logger: deps.logger });
  const ledger = new LedgerService(db, httpMemberDirectory(() => peerUrlOrThrow(deps.peers, 'org'), deps.rights), () => relay.kick());
  const tokens = new TokenService(db);
  const transactions = new TransactionService(db);
  const server = await createSubgraphServer<TokenContext>({
    name: 'token',
    schema: await buildTokenSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, tokens, transactions, ledger }),
    onClose: () => relay.stop(),
  });
  return { server };
}
