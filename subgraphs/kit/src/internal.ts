import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { PRINCIPAL_HEADER, TOKEN_AUDIENCE, TOKEN_ISSUER, type InternalContract, type Principal } from '@etika/schema';
import { HttpError, RETRY_AFTER_SECONDS, readBody, sendJson } from './http.ts';
import { verifyPrincipalToken } from './principal-token.ts';
import type { InternalRoute } from './server.ts';
import { signToken, verifyToken } from './tokens.ts';
import { SpanKind, activeTracing, inSpan, injectTraceHeaders, type Span } from './tracing/tracing.ts';

type Key = Parameters<typeof verifyToken>[0];

/**
 * Internal routes (`/internal/...`) are how one subgraph asks another a question that is not part of the public
 * graph. Each is authenticated: either by a relayed gateway principal token, or by a short-lived token identity
 * signs for one user.
 */
export async function gatewayPrincipalOrThrow(req: IncomingMessage, gatewayKey: Key): Promise<Principal> {
  const token = req.headers[PRINCIPAL_HEADER];
  if (typeof token !== 'string') throw new HttpError(401, 'missing principal token', 'UNAUTHENTICATED');
  try {
    return await verifyPrincipalToken(gatewayKey, token);
  } catch {
    throw new HttpError(401, 'invalid principal token', 'UNAUTHENTICATED');
  }
}

export const SERVICE_TOKEN_HEADER = 'etika-service';

export async function signServiceToken(identityKey: Key, userId: string): Promise<string> {
  return signToken(identityKey, {}, {
    issuer: TOKEN_ISSUER.identity,
    audience: TOKEN_AUDIENCE.internal,
    subject: userId,
    expiresInSeconds: 30,
  });
}

/** The user a service token speaks for. */
export async function serviceUserOrThrow(req: IncomingMessage, identityKey: Key): Promise<string> {
  const token = req.headers[SERVICE_TOKEN_HEADER];
  if (typeof token !== 'string') throw new HttpError(401, 'missing service token', 'UNAUTHENTICATED');
  try {
    const payload = await verifyToken(identityKey, token, { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.internal });
    if (!payload.sub) throw new Error('no subject');
    return payload.sub;
  } catch {
    throw new HttpError(401, 'invalid service token', 'UNAUTHENTICATED');
  }
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req, 16_384));
  } catch {
    throw new HttpError(400, 'invalid JSON', 'BAD_REQUEST');
  }
}

export function answer(res: ServerResponse, payload: unknown): void {
  sendJson(res, 200, payload);
}

type AnyContract = InternalContract<z.ZodType<Record<string, unknown>>, z.ZodType>;

/**
 * An internal route held to its contract in `@etika/schema`: the caller is authenticated first, then its request is
 * parsed (400 when it does not fit), and the answer is checked against the contract before it is sent. A handler
 * that has nothing to answer throws an `HttpError` with 404.
 */
export function internalRoute<C extends AnyContract, Caller>(
  contract: C,
  authenticate: (req: IncomingMessage) => Promise<Caller>,
  handle: (request: z.output<C['request']>, caller: Caller) => Promise<z.input<C['answer']>>,
): InternalRoute {
  return async (req, res, url) => {
    if (req.method !== contract.method) throw new HttpError(405, `${contract.method} only`, 'BAD_REQUEST');
    const caller = await authenticate(req);
    const raw = contract.method === 'GET' ? Object.fromEntries(url.searchParams) : await readJson(req);
    const parsed = contract.request.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, `invalid request for ${contract.path}`, 'BAD_REQUEST');
    answer(res, contract.answer.parse(await handle(parsed.data as z.output<C['request']>, caller)));
  };
}

/**
 * What a caller is told when the part it asked cannot answer now (unreachable, too slow, or itself unavailable:
 * its database down): a retryable `SERVICE_UNAVAILABLE`, expected in GraphQL, 503 outside it.
 */
function peerUnavailable(path: string, cause: unknown): GraphQLError {
  return new GraphQLError('A service this request needs cannot answer right now; try again shortly', {
    originalError: cause instanceof Error ? cause : new Error(`${path}: ${String(cause)}`),
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
  });
}

/**
 * Calls another part's internal route by its contract: the request is built from the contract's schema, the answer
 * parsed with it. 404 answers null; a part that cannot be reached, does not answer within 5 s or answers 503 is
 * `SERVICE_UNAVAILABLE` (retryable); any other failure, or an answer that does not fit, is an HttpError (502).
 */
export async function callInternal<C extends AnyContract>(
  baseUrl: string,
  contract: C,
  request: z.input<C['request']>,
  headers: Record<string, string>,
): Promise<z.output<C['answer']> | null> {
  const url = new URL(contract.path, baseUrl);
  const body = contract.request.parse(request);
  if (contract.method === 'GET') for (const [name, value] of Object.entries(body)) url.searchParams.set(name, String(value));
  const send = (span: Span | null) =>
    fetch(url, {
      method: contract.method,
      headers: { ...(span ? injectTraceHeaders(span, { ...headers }) : headers), ...(contract.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
      ...(contract.method === 'POST' ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(5_000),
    }).then((answered) => {
      span?.setAttribute('http.response.status_code', answered.status);
      return answered;
    });
  const tracing = activeTracing();
  let response: Response;
  try {
    response = tracing
      ? await inSpan(tracing, `${contract.method} ${contract.path}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': contract.method, 'url.path': contract.path } }, send)
      : await send(null);
  } catch (err) {
    throw peerUnavailable(contract.path, err);
  }
  if (response.status === 404) return null;
  if (response.status === 503) throw peerUnavailable(contract.path, new Error(`${contract.path} answered 503`));
  if (!response.ok) throw new HttpError(502, `internal call failed with ${response.status}`, 'INTERNAL_SERVER_ERROR');
  const parsed = contract.answer.safeParse(await response.json());
  if (!parsed.success) throw new HttpError(502, `the answer of ${contract.path} does not fit its contract`, 'INTERNAL_SERVER_ERROR');
  return parsed.data as z.output<C['answer']>;
}
