import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { pino } from 'pino';
import { MemoryStore, Rights, generateKeyPairs, keysFor, type Logger } from '@etika/kit';
import { composedSubgraphUrls } from '@etika/schema';
import type { EngineName } from '../../src/engine/engine.ts';
import { GATEWAY_KEYS, buildGateway } from '../../src/server.ts';
import type { GatewayFactory } from './audit.ts';

/** Etika's gateway on `engine` as it runs in production: authentication, limits, admission, authorization, masked errors. */
export async function etikaGateway(engine: EngineName = 'apollo'): Promise<GatewayFactory> {
  const keys = keysFor(await generateKeyPairs(['gateway', 'identity']), 'gateway', GATEWAY_KEYS);
  const rights = new Rights(new MemoryStore());
  await rights.ready(0);
  const logger = pino({ level: 'silent' }) as unknown as Logger;
  return async (supergraphSdl) => {
    const gateway = await buildGateway({
      supergraphSdl,
      // identity is only called for partner API keys, which the audit never sends
      subgraphUrls: { identity: 'http://127.0.0.1:9/graphql', ...composedSubgraphUrls(supergraphSdl) },
      keys,
      rights,
      logger,
      production: true,
      rejectUnauthorized: false,
      engine,
    });
    return { url: await gateway.listen(0, '127.0.0.1'), close: () => gateway.close() };
  };
}

/** @apollo/gateway with nothing around it, as the audit runs it. */
export async function bareApolloGateway(): Promise<GatewayFactory> {
  return async (supergraphSdl) => {
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), logger: pino({ level: 'silent' }) as unknown as Logger });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    return { url: new URL('/graphql', url).toString(), close: () => server.stop() };
  };
}
