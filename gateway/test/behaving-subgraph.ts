import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';

/** How a subgraph answers its next calls: normally, never, with an HTTP status, or slowly. */
export type Behaviour = { kind: 'ok' } | { kind: 'hang' } | { kind: 'status'; status: number; times?: number; retryAfter?: number } | { kind: 'slow'; ms: number };

export interface BehavingSubgraph {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: string;
  /** Every call it received, with its headers and body. */
  readonly calls: { headers: IncomingHttpHeaders; body: { query: string } }[];
  behave(behaviour: Behaviour): void;
  close(): Promise<void>;
}

/**
 * A real federation subgraph (`@apollo/subgraph` over HTTP on loopback) whose behaviour a test sets: it answers,
 * hangs, fails with a status (for the next `times` calls, then answers), or answers late.
 */
export async function startBehavingSubgraph(name: string, typeDefs: string, resolvers: Record<string, unknown>): Promise<BehavingSubgraph> {
  const schema = buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as never });
  let behaviour: Behaviour = { kind: 'ok' };
  const calls: BehavingSubgraph['calls'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      calls.push({ headers: req.headers, body });
      const current = behaviour;
      if (current.kind === 'hang') return;
      if (current.kind === 'status') {
        if (current.times !== undefined && --current.times <= 0) behaviour = { kind: 'ok' };
        res.writeHead(current.status, { 'content-type': 'application/json', ...(current.retryAfter ? { 'retry-after': String(current.retryAfter) } : {}) });
        res.end(JSON.stringify({ errors: [{ message: `failing with ${current.status}` }] }));
        return;
      }
      const answer = async () => {
        const result = await graphql({ schema, source: body.query, variableValues: body.variables ?? null });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      };
      if (current.kind === 'slow') setTimeout(() => void answer(), current.ms);
      else void answer();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    name,
    url,
    typeDefs,
    calls,
    behave: (next) => {
      behaviour = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
