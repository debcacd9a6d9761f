import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { z } from 'zod';
import type { KeyValueStore } from '@etika/kit';
import type { Principal } from '@etika/schema';

/** Apollo's persisted query manifest, the format the web app's build writes (`web/persisted-documents.json`). */
export const persistedManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), type: z.enum(['query', 'mutation', 'subscription']), body: z.string() })),
});

export type PersistedManifest = z.infer<typeof persistedManifest>;

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Who may send a document the manifest does not hold: `people` (persons and anonymous callers) may not, keys may. */
export type PersistedMode = 'required-for-people' | 'optional';

export interface PersistedOptions {
  readonly manifest: PersistedManifest;
  readonly mode: PersistedMode;
}

export type Resolved = { readonly request: HTTPGraphQLRequest } | { readonly status: number; readonly errors: readonly GraphQLFormattedError[] };

const APQ_TTL_SECONDS = 24 * 3600;
/** The longest a request waits on the APQ store (one that takes commands and answers none holds no request). */
const APQ_STORE_TIMEOUT_MS = 500;

/** A partner's document the store cannot give now: retryable, and nothing of the store's own error. */
function storeUnavailable(cause: unknown): GraphQLError {
  return new GraphQLError('Persisted documents cannot be read right now; try again shortly, or send the document with its text', {
    originalError: cause instanceof Error ? cause : new Error(String(cause)),
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 1 },
  });
}

async function withinTimeout<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the APQ store did not answer within ${APQ_STORE_TIMEOUT_MS} ms`)), APQ_STORE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([command, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a request names: its text, and the id of a persisted document (`documentId`, or APQ's `sha256Hash`). */
function idAndQuery(request: HTTPGraphQLRequest): { id: string | null; query: string | null } {
  let body: Record<string, unknown>;
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    let extensions: unknown;
    try {
      extensions = JSON.parse(search.get('extensions') ?? 'null');
    } catch {
      extensions = null;
    }
    body = { query: search.get('query') ?? undefined, documentId: search.get('documentId') ?? undefined, extensions };
  } else if (request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    body = request.body as Record<string, unknown>;
  } else {
    return { id: null, query: null };
  }
  const persisted = (body['extensions'] as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  const raw = typeof body['documentId'] === 'string' ? body['documentId'] : typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : null;
  return { id: raw === null ? null : raw.replace(/^sha256:/, '').toLowerCase(), query: typeof body['query'] === 'string' ? body['query'] : null };
}

/** The same request carrying the document's text, and no persisted-query fields for Apollo Server to refuse. */
function withDocument(request: HTTPGraphQLRequest, query: string): HTTPGraphQLRequest {
  if (request.method === 'GET') {
    const search = new URLSearchParams(request.search);
    search.set('query', query);
    search.delete('documentId');
    search.delete('extensions');
    return { ...request, search: `?${search.toString()}` };
  }
  const { documentId: _id, extensions: _extensions, ...rest } = request.body as Record<string, unknown>;
  return { ...request, body: { ...rest, query } };
}

const notFound = (): Resolved => ({ status: 200, errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] });

/**
 * Trusted documents and automatic persisted queries. The web app's documents are registered at build time (the
 * manifest, hash → document); a request may name one by id (`documentId`, or `extensions.persistedQuery`). With
 * `required-for-people`, a person's or an anonymous request runs only registered documents (by id, or by the
 * exact text of one), so a stolen session cannot run made-up documents; partners' keys may send any document,
 * and may register theirs with APQ (hash and text once, then the hash alone; kept a day, in Redis when set).
 * An unknown id gets the standard `PERSISTED_QUERY_NOT_FOUND`, which APQ clients answer with the text.
 * While the store cannot answer, the web app's documents still run (the manifest is in memory), a partner's
 * document sent with its text runs without being kept, and a hash alone gets a retryable `SERVICE_UNAVAILABLE`.
 */
export class PersistedDocuments {
  private readonly byId: ReadonlyMap<string, string>;

  constructor(private readonly options: PersistedOptions, private readonly apq: KeyValueStore) {
    this.byId = new Map(options.manifest.operations.map((o) => [o.id, o.body]));
  }

  async resolve(request: HTTPGraphQLRequest, principal: Principal): Promise<Resolved> {
    const { id, query } = idAndQuery(request);
    const partner = principal.kind === 'apiKey';
    if (id === null) {
      if (query === null || partner || this.options.mode === 'optional' || this.byId.has(sha256Hex(query))) return { request };
      return { status: 403, errors: [{ message: "Only the web app's registered documents run for people here; partners send theirs with an API key", extensions: { code: 'FORBIDDEN' } }] };
    }
    const registered = this.byId.get(id);
    if (registered !== undefined) return { request: withDocument(request, registered) };
    if (!partner) return notFound();
    if (query !== null) {
      if (sha256Hex(query) !== id) return { status: 400, errors: [{ message: 'The sha256Hash does not match the query', extensions: { code: 'BAD_REQUEST' } }] };
      // keeping it is for the partner's next requests; this one has its text and runs either way
      await withinTimeout(this.apq.setIfAbsent(`apq:${id}`, query, APQ_TTL_SECONDS)).catch(() => false);
      return { request: withDocument(request, query) };
    }
    const stored = await withinTimeout(this.apq.get(`apq:${id}`)).catch((err: unknown) => {
      throw storeUnavailable(err);
    });
    return stored === null ? notFound() : { request: withDocument(request, stored) };
  }
}
