/**
 * One gateway of the comparison in its own process:
 * `node --import tsx bench/gateway/gateway-main.ts <etika|etika-rust|etika-no-dedup|apollo|hive|hive-rust|hive-rust-public> <port> <supergraph file> <keys file>`.
 * A kind ending in `-cluster` (`etika-rust-cluster`, `hive-rust-cluster`) runs that gateway in BENCH_WORKERS
 * (default 2) node:cluster workers sharing the port: Etika's through its own cluster mode (`gateway/src/cluster`),
 * Hive Gateway's as its CLI's `--fork` does (node:cluster, round-robin, a full gateway in each worker), since forking
 * is a CLI option and this runs the runtime. Prints `ready` once it listens (every worker, for a cluster).
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { pino } from 'pino';
import { MemoryStore, Rights, keysFor, type KeyPairs, type Logger } from '@etika/kit';
import { composedSubgraphUrls } from '@etika/schema';
import { DEFAULT_SUBGRAPH_SETTINGS, GATEWAY_KEYS, buildGateway, runPrimary, workerMetrics } from '@etika/gateway';

const [kindArgument, portText, supergraphPath, keysPath] = process.argv.slice(2);
const clustered = kindArgument!.endsWith('-cluster');
const kind = kindArgument!.replace(/-cluster$/, '');
const port = Number(portText);
const supergraphSdl = readFileSync(supergraphPath!, 'utf8');
const silent = pino({ level: 'silent' }) as unknown as Logger;

async function start(): Promise<void> {
  switch (kind) {
    case 'etika':
    case 'etika-rust':
    case 'etika-no-dedup': {
      const rights = new Rights(new MemoryStore());
      await rights.ready(0);
      const pairs = JSON.parse(readFileSync(keysPath!, 'utf8')) as KeyPairs;
      const gateway = await buildGateway({
        supergraphSdl,
        subgraphUrls: { identity: 'http://127.0.0.1:9/graphql', ...composedSubgraphUrls(supergraphSdl) },
        keys: keysFor(pairs, 'gateway', GATEWAY_KEYS),
        rights,
        logger: silent,
        production: true,
        rejectUnauthorized: false,
        subgraphs: { ...DEFAULT_SUBGRAPH_SETTINGS, deduplicate: kind !== 'etika-no-dedup' },
        engine: kind === 'etika-rust' ? 'rust' : 'apollo',
        ...(clustered ? { metrics: workerMetrics } : {}),
        // the edge on, as in production: the cost of every operation estimated and checked against a maximum, and
        // rate limits spent (in memory) for every request, with ceilings above what this workload reaches (its
        // subgraphs have no @listSize, so its deep query's estimate is above the defaults) so that nothing is refused
        edge: {
          trustedProxies: [],
          costLimits: { anonymous: 500, user: 1e12, apiKey: 5_000 },
          rateLimits: { perApiKey: 1e12, perPerson: 1e12, perOrganization: 1e12, perAddress: 1e12, windowSeconds: 60 },
        },
      });
      await gateway.listen(port, '127.0.0.1');
      return;
    }
    case 'apollo': {
      const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), logger: silent });
      await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
      return;
    }
    case 'hive':
    case 'hive-rust':
    case 'hive-rust-public': {
      const { createGatewayRuntime } = await import('@graphql-hive/gateway-runtime');
      const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
      // defaults; `hive-rust-public` as the public benchmark configures it: identical in-flight inbound requests
      // share one execution, which is sharing whole responses
      const runtime = createGatewayRuntime({
        supergraph: supergraphSdl,
        logging: false,
        inboundInflightRequestDeduplication: kind === 'hive-rust-public',
        ...(kind === 'hive' ? {} : { unifiedGraphHandler }),
      });
      await new Promise<void>((done) => createServer(runtime).listen(port, '127.0.0.1', done));
      return;
    }
    default:
      throw new Error(`unknown gateway ${kind}`);
  }
}

if (clustered && cluster.isPrimary) {
  runPrimary({ workers: Number(process.env['BENCH_WORKERS'] ?? 2), logger: silent, stopTimeoutMs: 5_000, onReady: () => process.stdout.write('ready\n') });
} else {
  await start();
  // a worker shares the primary's output: only the primary says when the cluster is ready
  if (!cluster.isWorker) process.stdout.write('ready\n');
  // a normal exit, so that a CPU profile asked for with --cpu-prof is written (the primary sends workers SIGTERM)
  process.on('SIGINT', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
