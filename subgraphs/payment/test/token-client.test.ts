import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedCodeOf } from '@etika/kit';
import { httpTokenLedger } from '../src/payment/token.client.ts';

/**
 * Token's routes answer every question they are asked (an unknown token is the `no_token` outcome), so a 404 means
 * the route is not there: a token service of an older release during a rolling deploy, which answers 404 to every
 * path it has no route for (as the kit's server does). The caller then gets a clear, retryable refusal.
 */
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(GraphQLError);
  return err as GraphQLError;
}

describe('payment asking a token service that has no such route', () => {
  const ledger = httpTokenLedger(() => url);

  it('refuses a reservation with a retryable SERVICE_UNAVAILABLE GraphQL error, not an internal error', async () => {
    const err = await refusal(ledger.reserve('principal', { tokenId: randomUUID(), tokens: 100n, quoteId: null }));
    expect(err.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 30 });
    expect(err.message).toBe('The token service cannot do this right now; try again in a little while');
    // what a resolver's answer keeps of it in production (an unexpected error becomes "Internal error")
    expect(expectedCodeOf(err)).toBe('SERVICE_UNAVAILABLE');
  });

  it('refuses taking a refund back the same way', async () => {
    const err = await refusal(ledger.takeBack('principal', { paymentId: randomUUID(), refundId: randomUUID(), tokens: 1n, onlyWhatIsLeft: false }));
    expect(err.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 30 });
  });
});
