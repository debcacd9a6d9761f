import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { PRINCIPAL_HEADER } from '@etika/schema';
import { bearer, dataOrThrow, graphql } from '@etika/platform';
import { principalTokenFor, seedTenant, startTestPlatform } from '@etika/platform/testing';
import type { LoadResult } from './load.ts';
import { loadInChild } from './processes.ts';

const ONE_SUBGRAPH = '{ tokens { id name symbol decimals } }';
const WALLET_AND_HISTORY = `query WalletAndHistory($input: HistoryInput!) {
  me { id wallet { amount token { id name symbol decimals } } }
  myTransactions(input: $input) {
    nodes { id kind memo createdAt postings { accountId amount ownerType owner { id email } token { id symbol decimals } } }
    endCursor hasNextPage
  }
}`;

/**
 * Etika's own supergraph on the embedded stores (PGlite): a one-subgraph query through the gateway and the same
 * query sent to the token subgraph directly (with the principal token the gateway would sign), and the web app's
 * wallet with its history (identity, token, org). Returns its rows of docs/benchmarks.md.
 */
export async function benchEtikaSupergraph(options: { seconds: number; rounds: number; connections: number }): Promise<string[]> {
  const platform = await startTestPlatform({ production: true });
  try {
    // people signed up as production allows it (the mailed link), each acting in the organisation
    const tenant = await seedTenant(platform, 'bench');
    const member = { userId: tenant.userIds.member, token: tenant.tokens.member };
    const other = { userId: tenant.userIds.admin };
    const tokenId = dataOrThrow(
      await graphql<{ defineToken: { id: string } }>(platform.gatewayUrl, 'mutation { defineToken(input: { name: "Bench", symbol: "BEN", decimals: 0 }) { id } }', {}, bearer(tenant.tokens.owner)),
    ).defineToken.id;
    dataOrThrow(await graphql(platform.gatewayUrl, 'mutation($input: MovementInput!) { issueTokens(input: $input) { id } }', { input: { tokenId, amount: '1000', toUserId: member.userId, idempotencyKey: randomUUID() } }, bearer(tenant.tokens.owner)));
    for (let i = 0; i < 20; i++) {
      dataOrThrow(await graphql(platform.gatewayUrl, 'mutation($input: MovementInput!) { transferTokens(input: $input) { id } }', { input: { tokenId, amount: '1', toUserId: other.userId, idempotencyKey: randomUUID() } }, bearer(member.token)));
    }
    // a principal token lives 60 s: a fresh one for every round, as the gateway signs them
    const principalToken = () => principalTokenFor(platform, tenant, member.userId, 'member');
    const targets = [
      { label: 'one-subgraph query, token subgraph called directly', url: platform.subgraphUrls['token']!, query: ONE_SUBGRAPH, variables: {}, headers: async () => ({ [PRINCIPAL_HEADER]: await principalToken() }) },
      { label: 'one-subgraph query through the gateway, security on (@apollo/gateway engine)', url: platform.gatewayUrl, query: ONE_SUBGRAPH, variables: {}, headers: async () => bearer(member.token) },
      { label: 'wallet and history through the gateway (identity, token, org; @apollo/gateway engine)', url: platform.gatewayUrl, query: WALLET_AND_HISTORY, variables: { input: { first: 20 } }, headers: async () => bearer(member.token) },
    ];
    const results = new Map<string, LoadResult[]>(targets.map((t) => [t.label, []]));
    for (const t of targets) dataOrThrow(await graphql(t.url, t.query, t.variables, await t.headers()));
    for (let round = 0; round < options.rounds; round++) {
      for (const t of targets) {
        const body = JSON.stringify({ query: t.query, variables: t.variables });
        results.get(t.label)!.push(await loadInChild<LoadResult>({ url: t.url, body, headers: await t.headers(), connections: options.connections, seconds: options.seconds }));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const direct = median(results.get(targets[0]!.label)!.map((r) => r.perSecond)) || 1;
    return [
      '### Etika’s own supergraph (PGlite, every subgraph and the gateway in one process)',
      '',
      '| query | req/s | vs the subgraph directly | p50 ms | p99 ms | failed |',
      '|---|---:|---:|---:|---:|---:|',
      ...targets.map((t) => {
        const rs = results.get(t.label)!;
        const perSecond = median(rs.map((r) => r.perSecond));
        return `| ${t.label} | ${perSecond.toFixed(1)} | ${(perSecond / direct).toFixed(2)}× | ${median(rs.map((r) => r.p50Ms)).toFixed(1)} | ${median(rs.map((r) => r.p99Ms)).toFixed(1)} | ${rs.reduce((a, r) => a + r.failed, 0)} |`;
      }),
      '',
    ];
  } finally {
    await platform.close();
  }
}
