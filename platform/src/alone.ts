import { randomUUID } from 'node:crypto';
import { importPrivateKey, loadServiceKeys, principalClaims, signToken } from '@etika/kit';
import { PRINCIPAL_HEADER, ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER, scopesForRole, type Principal, type Role } from '@etika/schema';
import { GATEWAY_KEYS } from '@etika/gateway';
import { dataOrThrow, graphql } from './client.ts';
import { SUBGRAPHS, defaultSubgraphUrl, subgraphOrThrow } from './registry.ts';

/**
 * A subgraph run alone (`npm start -w subgraphs/<name>`) answers only principal tokens the gateway signs. For
 * development, the gateway's development key under `DATA_DIR/keys` signs one here instead, for a chosen person,
 * role and organisation: never in production, where that key does not exist and the command refuses.
 */

/** The people and organisations of a subgraph run alone: fixed ids, so every subgraph and every run agree. */
export const ALONE_PEOPLE: Readonly<Record<Role, { readonly id: string; readonly email: string }>> = {
  owner: { id: '00000000-0000-4000-8000-000000000001', email: 'owner@alone.etika.dev' },
  admin: { id: '00000000-0000-4000-8000-000000000002', email: 'admin@alone.etika.dev' },
  member: { id: '00000000-0000-4000-8000-000000000003', email: 'member@alone.etika.dev' },
  auditor: { id: '00000000-0000-4000-8000-000000000004', email: 'auditor@alone.etika.dev' },
};
export const ALONE_ORGS: Readonly<Record<string, { readonly id: string; readonly name: string }>> = {
  acme: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Acme Rewards (alone)' },
  globex: { id: '00000000-0000-4000-8000-0000000000a2', name: 'Globex Club (alone)' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A person by id, or by the e-mail address of one of the people above. */
export function resolveUserOrThrow(idOrEmail: string): string {
  if (UUID.test(idOrEmail)) return idOrEmail;
  const found = Object.values(ALONE_PEOPLE).find((p) => p.email === idOrEmail.toLowerCase());
  if (!found) throw new Error(`--user: ${idOrEmail} is neither an id nor one of ${Object.values(ALONE_PEOPLE).map((p) => p.email).join(', ')}`);
  return found.id;
}

/** An organisation by id, or by the slug of one of the organisations above. */
export function resolveOrgOrThrow(idOrSlug: string): string {
  if (UUID.test(idOrSlug)) return idOrSlug;
  const found = ALONE_ORGS[idOrSlug.toLowerCase()];
  if (!found) throw new Error(`--org: ${idOrSlug} is neither an id nor one of ${Object.keys(ALONE_ORGS).join(', ')}`);
  return found.id;
}

export function roleOrThrow(role: string): Role {
  const found = ROLES.find((r) => r === role.toLowerCase());
  if (!found) throw new Error(`--role: ${role} is not one of ${ROLES.join(', ')}`);
  return found;
}

export interface MintOptions {
  readonly dataDir: string;
  readonly production: boolean;
  readonly userId: string;
  readonly orgId: string;
  readonly role: Role;
  /** How long the token lives; at most an hour. */
  readonly minutes?: number;
}

export const MAX_MINUTES = 60;

/**
 * A principal token as the gateway would sign it, with the gateway's development key (created on first use, as
 * every service started alone does). Refused in production, and for longer than an hour.
 */
export async function mintDevelopmentPrincipal(options: MintOptions): Promise<{ token: string; principal: Principal; expiresAt: Date }> {
  if (options.production) throw new Error('principal tokens are minted for development only; in production only the gateway signs them');
  const minutes = options.minutes ?? 15;
  if (!(minutes > 0 && minutes <= MAX_MINUTES)) throw new Error(`--minutes must be between 1 and ${MAX_MINUTES}`);
  const keys = await loadServiceKeys('gateway', GATEWAY_KEYS, { env: {}, dataDir: options.dataDir, production: false });
  const issuedAt = Math.floor(Date.now() / 1000);
  const principal: Principal = {
    kind: 'user',
    userId: options.userId,
    sessionId: randomUUID(),
    orgId: options.orgId,
    role: options.role,
    scopes: scopesForRole(options.role),
    epoch: 0,
    issuedAt,
  };
  const token = await signToken(await importPrivateKey(keys.own!.privateJwk), principalClaims(principal), {
    issuer: TOKEN_ISSUER.gateway,
    audience: TOKEN_AUDIENCE.subgraph,
    expiresInSeconds: minutes * 60,
  });
  return { token, principal, expiresAt: new Date((issuedAt + minutes * 60) * 1000) };
}

const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A ready `curl` for one operation against a subgraph's GraphQL endpoint, carrying the principal token. */
export function curlCommand(url: string, token: string, query: string): string {
  return [
    `curl -sS ${shellQuote(url)}`,
    `-H 'content-type: application/json'`,
    `-H ${shellQuote(`${PRINCIPAL_HEADER}: ${token}`)}`,
    `--data ${shellQuote(JSON.stringify({ query }))}`,
  ].join(' \\\n  ');
}

/** What any subgraph answers, whatever its domain: the smallest call that proves the token is accepted. */
export const SMOKE_QUERY = '{ _service { sdl } }';

/** A first operation worth trying on each subgraph; a subgraph not listed gets the smoke query. */
export const FIRST_QUERIES: Readonly<Record<string, string>> = {
  org: '{ myOrganizations { id name } }',
  token: '{ tokens { id name symbol } }',
  chain: '{ chainPublicKey }',
};

export const firstQueryOf = (subgraph: string) => FIRST_QUERIES[subgraph] ?? SMOKE_QUERY;

/**
 * The data a subgraph run alone needs to be tried, written through its own GraphQL endpoint as the people above
 * (so through the same rules as any request). Every subgraph gets the people and organisations (they are the
 * principals); one whose domain needs more lists it here. What needs a peer (token's transfers ask org whether the
 * recipient is a member) needs that peer running too.
 */
const SEEDS: Readonly<Record<string, (call: SeedCall) => Promise<string[]>>> = {
  org: async (call) => {
    // org makes the organisation's id; acting in it afterwards takes `--org <that id>`
    const created = await call<{ createOrganization: { id: string; name: string } }>(
      'owner',
      'acme',
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }',
      { input: { name: ALONE_ORGS['acme']!.name } },
    );
    return [`organisation ${created.createOrganization.name} (${created.createOrganization.id}), owned by ${ALONE_PEOPLE.owner.email}: --org ${created.createOrganization.id}`];
  },
  token: async (call) => {
    const defined = await call<{ defineToken: { id: string; symbol: string } }>(
      'admin',
      'acme',
      'mutation($input: DefineTokenInput!) { defineToken(input: $input) { id symbol } }',
      { input: { name: 'Alone Points', symbol: `AP${randomUUID().slice(0, 4).toUpperCase()}`, decimals: 2 } },
    );
    return [`token ${defined.defineToken.symbol} (${defined.defineToken.id}) in acme`];
  },
};

/** The subgraphs whose domain needs more than the people and organisations to be tried alone. */
export const SEEDED_SUBGRAPHS: readonly string[] = Object.keys(SEEDS);

type SeedCall = <T>(role: Role, org: keyof typeof ALONE_ORGS, query: string, variables?: Record<string, unknown>) => Promise<T>;

/** Seeds one subgraph running alone at `url`; answers what it created, one line each. */
export async function seedAlone(subgraph: string, url: string, dataDir: string): Promise<string[]> {
  subgraphOrThrow(subgraph);
  const call: SeedCall = async (role, org, query, variables = {}) => {
    const { token } = await mintDevelopmentPrincipal({ dataDir, production: false, userId: ALONE_PEOPLE[role].id, orgId: ALONE_ORGS[org]!.id, role, minutes: 1 });
    return dataOrThrow(await graphql(url, query, variables, { [PRINCIPAL_HEADER]: token })) as never;
  };
  const seed = SEEDS[subgraph];
  return seed ? seed(call) : [];
}

/** Where a subgraph started alone listens by default. */
export const aloneUrlOf = (subgraph: string) => defaultSubgraphUrl(subgraphOrThrow(subgraph));

export const SUBGRAPH_NAMES: readonly string[] = SUBGRAPHS.map((s) => s.name);
