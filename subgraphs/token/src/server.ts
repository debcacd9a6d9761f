import { createSubgraphServer, idempotentHandler, importPublicKey, peerUrlOrThrow, startOutboxRelay, type SubgraphDeps, type SubgraphServer, trustedKeyOrThrow } from '@etika/kit';
import { EVENT_PAYLOADS, EVENT_TYPES } from '@etika/schema';
import type { TokenContext } from './context.ts';
import { LedgerService } from './ledger/ledger.service.ts';
import { forgetMembership, httpMemberDirectory } from './ledger/members.client.ts';
import { issuePurchases, releaseReservations } from './purchase/purchase.consumer.ts';
import { purchaseRoutes } from './purchase/purchase.routes.ts';
import { PurchaseService } from './purchase/purchase.service.ts';
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
  // a change of membership makes token forget what org told it of that person; the next transfer to them asks again
  const members = { db, schema: 'token', consumer: 'token-members', payload: EVENT_PAYLOADS[EVENT_TYPES.orgMembershipChanged], logger: deps.logger };
  deps.bus.subscribe('token-members', [EVENT_TYPES.orgMembershipChanged], idempotentHandler(members, (tx, event) => forgetMembership(tx, event.payload)));
  const tokens = new TokenService(db);
  const transactions = new TransactionService(db);
  // tokens for money: payment.succeeded issues them (once per payment), payment asks about caps and refunds
  const purchases = new PurchaseService(db, deps.logger, () => relay.kick());
  deps.bus.subscribe('token-purchases', [EVENT_TYPES.paymentSucceeded], issuePurchases(db, purchases, deps.logger, () => relay.kick()));
  deps.bus.subscribe('token-reservations', [EVENT_TYPES.paymentCanceled], releaseReservations(db, purchases, deps.logger));
  const server = await createSubgraphServer<TokenContext>({
    name: 'token',
    schema: await buildTokenSchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, tokens, transactions, ledger }),
    internalRoutes: purchaseRoutes(await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway')), purchases),
    onClose: () => relay.stop(),
  });
  return { server };
}
