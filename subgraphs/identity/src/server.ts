import { createSubgraphServer, importPrivateKey, importPublicKey, peerUrlOrThrow, startOutboxRelay, type SubgraphDeps, type SubgraphServer, ownKeyOrThrow, trustedKeyOrThrow } from '@etika/kit';
import { ApiKeyService } from './api-key/api-key.service.ts';
import { AuthService } from './auth/auth.service.ts';
import { EmailLinkService } from './auth/email-links.service.ts';
import { httpMembershipDirectory } from './auth/memberships.client.ts';
import { SessionService } from './session/session.service.ts';
import type { IdentityContext, IdentityServices } from './context.ts';
import { identityInternalRoutes } from './internal.ts';
import { MfaService } from './mfa/mfa.service.ts';
import { buildIdentitySchema } from './schema.ts';
import { UserService } from './user/user.service.ts';

export interface IdentityServer {
  readonly server: SubgraphServer<IdentityContext>;
}

/** Builds the identity subgraph without listening, so tests and the platform build it the same way. */
export async function buildIdentityServer(
  deps: SubgraphDeps,
  settings: { readonly signUpsPerAddress: number; readonly revocationRetryMs?: number },
): Promise<IdentityServer> {
  const db = deps.database.db;
  // publishes identity's events (people, API keys, mail requests) to the bus
  const relay = startOutboxRelay({ db, schema: 'identity', bus: deps.bus, logger: deps.logger });
  const sign = await importPrivateKey(ownKeyOrThrow(deps.keys).privateJwk);
  const directory = httpMembershipDirectory(() => peerUrlOrThrow(deps.peers, 'org'), sign);
  const verify = await importPublicKey(ownKeyOrThrow(deps.keys).publicJwk);
  const sessions = new SessionService(db, sign, directory, deps.rights);
  // revocations the rights store missed while it was down reach it within seconds of its return
  // (each pass is one read of a partial index when nothing is pending)
  const retryMs = settings.revocationRetryMs ?? 2_000;
  const retry = retryMs > 0 ? setInterval(() => void sessions.writePendingRevocations().catch((err: unknown) => deps.logger.warn({ err }, 'pending session revocations not written; retrying')), retryMs) : null;
  retry?.unref();
  const mfa = new MfaService(db, deps.store);
  const services: IdentityServices = {
    sessions,
    mfa,
    auth: new AuthService(db, deps.store, { sign, verify }, sessions, mfa, settings.signUpsPerAddress),
    emailLinks: new EmailLinkService(db, deps.store, sessions, () => relay.kick(), settings.signUpsPerAddress, trustedKeyOrThrow(deps.keys, 'notification')),
    apiKeys: new ApiKeyService(db),
    users: new UserService(db),
  };
  const server = await createSubgraphServer<IdentityContext>({
    name: 'identity',
    schema: await buildIdentitySchema(),
    db,
    logger: deps.logger,
    production: deps.production,
    gatewayPublicKey: trustedKeyOrThrow(deps.keys, 'gateway'),
    rights: deps.rights,
    buildContext: (info) => ({ ...info, services, production: deps.production }),
    onClose: () => {
      if (retry) clearInterval(retry);
      return relay.stop();
    },
    internalRoutes: identityInternalRoutes(await importPublicKey(trustedKeyOrThrow(deps.keys, 'gateway')), services.apiKeys, services.users),
  });
  return { server };
}
