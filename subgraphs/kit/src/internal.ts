import type { IncomingMessage, ServerResponse } from 'node:http';
import { PRINCIPAL_HEADER, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal } from '@etika/schema';
import { HttpError, readBody, sendJson } from './http.ts';
import { verifyPrincipalToken } from './principal-token.ts';
import { signToken, verifyToken } from './tokens.ts';

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

/** Calls another subgraph's internal route; a non-2xx answer becomes an HttpError with its status. */
export async function callInternal<T>(url: string, headers: Record<string, string>, body?: unknown): Promise<T | null> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5_000),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new HttpError(502, `internal call failed with ${response.status}`, 'INTERNAL_SERVER_ERROR');
  return (await response.json()) as T;
}
