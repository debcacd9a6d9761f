import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EVENT_TYPES } from '@etika/schema/events';
import { defineSubgraph } from '@etika/kit/descriptor';

/** Users, credentials, sessions, MFA and partner API keys. */
export const identity = defineSubgraph({
  name: 'identity',
  port: 4001,
  migrations: fileURLToPath(new URL('../drizzle', import.meta.url)),
  // signs access tokens and its calls to org; seals mail links for notification's key alone
  keys: { signs: true, trusts: ['notification'] },
  calls: ['org'],
  events: { produces: [EVENT_TYPES.identityUserChanged, EVENT_TYPES.identityApiKeyCreated, EVENT_TYPES.identityApiKeyRevoked, EVENT_TYPES.identityMailRequested], consumes: [] },
  settings: z.object({
    /** Sign-ups one client address may make in an hour (each costs an argon2 hash). */
    SIGN_UP_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    /** How often session revocations the rights store missed while down are written to it again; 0 runs no pass (tests drive it). */
    REVOCATION_RETRY_MS: z.coerce.number().int().min(0).default(2_000),
  }),
  buildSchema: async () => (await import('./schema.ts')).buildIdentitySchema(),
  buildServer: async (deps, settings) => (await (await import('./server.ts')).buildIdentityServer(deps, { signUpsPerAddress: settings.SIGN_UP_LIMIT_PER_ADDRESS, revocationRetryMs: settings.REVOCATION_RETRY_MS })).server,
});
