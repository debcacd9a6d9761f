/**
 * `npm run bench:gateway`: The Guild's graphql-gateways-benchmark workload (four federation-2 subgraphs, its deep
 * query, 50 connections) through Etika's gateway with security on, bare @apollo/gateway, Hive Gateway and Hive
 * Gateway with its Rust query planner, in alternating rounds in one run; then Etika's own supergraph. Every
 * gateway's answer is checked against the expected one before and after the load. Writes its section of
 * docs/benchmarks.md.
 *
 * BENCH_SECONDS (per round, default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 50),
 * BENCH_GATEWAYS (comma-separated, default all), BENCH_PROFILE=<dir> (CPU profiles of Etika's gateways, or of the
 * gateways BENCH_PROFILE_GATEWAYS names),
 * BENCH_WORKERS (the cluster rows' workers, default 2), BENCH_WRITE=0 (print only).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { generateKeyPairs, importPrivateKey, signToken } from '@etika/kit';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@etika/schema';
import { QUERY } from './data.ts';
import { expectedAnswer } from './expected.ts';
import { benchEtikaSupergraph } from './etika-supergraph.ts';
import type { LoadResult } from './load.ts';
import { freePort, loadInChild, startChild, type Child } from './processes.ts';
import { SUBGRAPHS } from './subgraphs.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 50);
const PROFILE = process.env['BENCH_PROFILE'];
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);
const PROFILED = (kind: string) => (process.env['BENCH_PROFILE_GATEWAYS']?.split(',').includes(kind) ?? kind.startsWith('etika'));
const LABELS: Record<string, string> = {
  'etika-rust': 'Etika’s gateway, security on, Rust planner engine',
  etika: 'Etika’s gateway, security on, @apollo/gateway engine',
  'etika-no-dedup': 'Etika’s gateway, security on, @apollo/gateway engine, no subgraph deduplication',
  apollo: 'bare @apollo/gateway',
  hive: 'Hive Gateway, defaults',
  'hive-rust': 'Hive Gateway + Rust planner (`@graphql-hive/router-runtime`), defaults',
  'hive-rust-public': 'Hive Gateway + Rust planner, the public benchmark’s configuration (identical in-flight requests share one response)',
  'etika-rust-cluster': `Etika’s gateway, security on, Rust planner engine, ${WORKERS} workers (\`GATEWAY_WORKERS=${WORKERS}\`)`,
  'hive-rust-cluster': `Hive Gateway + Rust planner, defaults, ${WORKERS} workers (node:cluster, as its CLI’s \`--fork ${WORKERS}\`)`,
};
const KINDS = (process.env['BENCH_GATEWAYS'] ?? Object.keys(LABELS).join(',')).split(',');

process.on('uncaughtException', (error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
const dir = mkdtempSync(join(tmpdir(), 'etika-bench-gateway-'));
const subgraphPort = await freePort();
const subgraphs = await startChild('./subgraphs-main.ts', [String(subgraphPort)]);
const origin = `http://127.0.0.1:${subgraphPort}`;
const composed = composeServices(Object.entries(SUBGRAPHS).map(([name, s]) => ({ name, url: `${origin}/${name}`, typeDefs: parse(s.typeDefs) })));
if (!composed.supergraphSdl) throw new Error(composed.errors?.map((e) => e.message).join('\n'));
const supergraphPath = join(dir, 'supergraph.graphql');
writeFileSync(supergraphPath, composed.supergraphSdl);

// Etika's gateway authenticates every request: the load carries a person's access token, as the web app's would
const pairs = await generateKeyPairs(['gateway', 'identity']);
const keysPath = join(dir, 'keys.json');
writeFileSync(keysPath, JSON.stringify(pairs));
const accessToken = await signToken(
  await importPrivateKey(pairs['identity']!.privateJwk),
  { sid: randomUUID(), org: randomUUID(), role: 'member', scp: ['org:read', 'token:read'], ep: 0 },
  { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access, subject: randomUUID(), expiresInSeconds: 3_600, jti: randomUUID() },
);
const headers = { authorization: `Bearer ${accessToken}` };
const body = JSON.stringify({ query: QUERY, operationName: 'TestQuery' });
const expected = expectedAnswer();

async function answerIsRight(url: string): Promise<boolean> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.status === 200 && isDeepStrictEqual(await response.json(), expected);
}

const gateways: { kind: string; url: string; child: Child; rightBefore: boolean }[] = [];
for (const kind of KINDS) {
  const port = await freePort();
  const flags = PROFILE && PROFILED(kind) ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [];
  const child = await startChild('./gateway-main.ts', [kind, String(port), supergraphPath, keysPath], flags);
  const url = `http://127.0.0.1:${port}/graphql`;
  gateways.push({ kind, url, child, rightBefore: await answerIsRight(url) });
}

const stats = async () => (await (await fetch(`${origin}/stats`)).json()) as Record<string, number>;
const rounds = new Map<string, (LoadResult & { fetchesPerRequest: number })[]>(KINDS.map((k) => [k, []]));
for (const g of gateways) await loadInChild<LoadResult>({ url: g.url, body, headers, connections: CONNECTIONS, seconds: Math.min(3, SECONDS) });
for (let round = 0; round < ROUNDS; round++) {
  // alternating: each round starts with the next gateway
  const order = [...gateways.slice(round % gateways.length), ...gateways.slice(0, round % gateways.length)];
  for (const g of order) {
    await fetch(`${origin}/reset`, { method: 'POST' });
    const result = await loadInChild<LoadResult>({ url: g.url, body, headers, connections: CONNECTIONS, seconds: SECONDS });
    const fetches = Object.values(await stats()).reduce((a, b) => a + b, 0);
    rounds.get(g.kind)!.push({ ...result, fetchesPerRequest: fetches / Math.max(1, result.requests) });
    process.stdout.write(`round ${round + 1} ${g.kind}: ${result.perSecond.toFixed(1)} req/s, p99 ${result.p99Ms.toFixed(0)} ms, ${result.failed} failed\n`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rows: string[] = [];
const base = median(rounds.get('apollo')?.map((r) => r.perSecond) ?? []);
// each row against Hive Gateway + Rust planner in as many processes: one, or the cluster's workers
const rustOf = (kind: string) => median(rounds.get(kind.endsWith('-cluster') ? 'hive-rust-cluster' : 'hive-rust')?.map((r) => r.perSecond) ?? []);
// a ratio to a gateway this run left out is not a number
const ratio = (value: number, to: number) => (to > 0 ? `${(value / to).toFixed(2)}×` : '—');
for (const g of gateways) {
  const rs = rounds.get(g.kind)!;
  const perSecond = median(rs.map((r) => r.perSecond));
  const memory = g.child.memory();
  const rightAfter = await answerIsRight(g.url);
  rows.push(
    `| ${LABELS[g.kind]} | ${perSecond.toFixed(1)} | ${ratio(perSecond, base)} | ${ratio(perSecond, rustOf(g.kind))} | ${median(rs.map((r) => r.p99Ms)).toFixed(0)} | ` +
      `${median(rs.map((r) => r.fetchesPerRequest)).toFixed(2)} | ${rs.reduce((a, r) => a + r.failed, 0)} | ${memory.rssMiB.toFixed(0)} / ${memory.peakMiB.toFixed(0)} | ${g.rightBefore && rightAfter ? 'yes' : 'NO'} |`,
  );
  await g.child.stop();
}
await subgraphs.stop();

const own = process.env['BENCH_ETIKA'] === '0' ? null : await benchEtikaSupergraph({ seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS });

const section = [
  '<!-- gateway-bench:start -->',
  '## Gateway: The Guild’s federation workload',
  '',
  `Command: \`npm run bench:gateway\` (BENCH_SECONDS=${SECONDS} per round, ${ROUNDS} alternating rounds, ${CONNECTIONS} connections). ` +
    `Run on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores shared by the load generator, the gateways and the subgraphs, each in its own process.`,
  '',
  'The workload of github.com/graphql-hive/graphql-gateways-benchmark: its four federation-2 subgraphs (accounts, products, inventory, ' +
    'reviews) written here in Node with its data, and its deep query. Etika’s gateway runs as in production (access token checked with ' +
    'current rights, limits, admission, authorization before planning, cost estimated and checked, rate limits spent, masked errors; ' +
    'no cache or sharing of whole responses; ' +
    'identical in-flight subgraph fetches shared within one principal, which all the load is). Hive Gateway with its defaults ' +
    'deduplicates identical in-flight subgraph fetches; its last row adds the public benchmark’s ' +
    '`inboundInflightRequestDeduplication: true`. ' +
    `The ${WORKERS}-worker rows run each gateway in ${WORKERS} node:cluster workers sharing its port (Etika’s cluster mode; for Hive ` +
    'Gateway what its CLI’s `--fork` does), each worker with its own caches, connection pools and in-flight deduplication; ' +
    'they are compared with each other, the single-process rows with each other. ' +
    'Every gateway and the subgraphs run with NODE_ENV=production, as deployed. ' +
    'Median of the rounds; memory is resident / peak of the gateway’s processes (a cluster’s primary and workers summed).',
  '',
  '| gateway | req/s | vs bare @apollo/gateway | vs Hive + Rust planner (as many processes) | p99 ms | subgraph fetches per request | failed | memory MiB | answers right |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
  '',
  ...(own ?? []),
  '<!-- gateway-bench:end -->',
].join('\n');
process.stdout.write(`\n${section}\n`);

if (process.env['BENCH_WRITE'] !== '0') {
  const docs = new URL('../../docs/benchmarks.md', import.meta.url);
  const current = readFileSync(docs, 'utf8');
  const marked = /<!-- gateway-bench:start -->[\s\S]*<!-- gateway-bench:end -->/;
  writeFileSync(docs, marked.test(current) ? current.replace(marked, section) : `${current.trimEnd()}\n\n${section}\n`);
}
process.exit(0);
