import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { appError, inTenant, recordEvent, setLocal, setTenant, uuidOrThrow, type Db, type Tx } from '@etika/kit';
import { EVENT_TYPES, PARTNER_GRANTABLE, isScope, type IdentityApiKeyEvent, type Principal, type Scope } from '@etika/schema';
import { generateApiKey, parseApiKey } from '../security/index.ts';
import { apiKeys } from '../tables.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export interface VerifiedApiKey {
  readonly keyId: string;
  readonly orgId: string;
  readonly scopes: Scope[];
  readonly rateLimitPerMinute: number | null;
}

export const MAX_KEY_NAME = 100;
/** The most cost points per minute an organisation may give one key. */
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;
/** `lastUsedAt` is kept to the minute, so a busy key does not write a row on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The scopes a key may be given: those partners may hold, and only ones its creator holds. */
export function grantableScopesOrThrow(requested: readonly string[], creatorScopes: readonly string[]): Scope[] {
  const unique = [...new Set(requested)];
  if (unique.length === 0) throw appError('BAD_USER_INPUT', 'Choose at least one scope', { field: 'scopes' });
  for (const s of unique) {
    if (!isScope(s) || !PARTNER_GRANTABLE.includes(s) || !creatorScopes.includes(s)) {
      throw appError('BAD_USER_INPUT', `The scope ${s} cannot be given to an API key`, { field: 'scopes' });
    }
  }
  return unique as Scope[];
}

function orgOf(principal: Principal): { orgId: string; userId: string; scopes: readonly string[] } {
  if (principal.kind !== 'user' || !principal.orgId) throw appError('FORBIDDEN', 'Choose an organisation first');
  return { orgId: principal.orgId, userId: principal.userId, scopes: principal.scopes };
}

/** A key's own limit: a whole number of cost points per minute, or null for the gateway's default. */
export function rateLimitOrThrow(perMinute: number | null): number | null {
  if (perMinute === null) return null;
  if (!Number.isSafeInteger(perMinute) || perMinute < 1 || perMinute > MAX_RATE_LIMIT_PER_MINUTE) {
    throw appError('BAD_USER_INPUT', `The limit is a whole number of points per minute, from 1 to ${MAX_RATE_LIMIT_PER_MINUTE}`, { field: 'perMinute' });
  }
  return perMinute;
}

/** `identity.apikey.created` / `.revoked`, in the transaction of the change: the organisation's admins are told. */
async function recordApiKeyEvent(tx: Tx, type: typeof EVENT_TYPES.identityApiKeyCreated | typeof EVENT_TYPES.identityApiKeyRevoked, key: ApiKeyRow, actorId: string): Promise<void> {
  await recordEvent<IdentityApiKeyEvent>(tx, 'identity', type, key.orgId, { apiKeyId: key.id, orgId: key.orgId, name: key.name, prefix: key.prefix, actorId });
}

/** Partner API keys: created for the caller's active organisation, shown once, stored as a hash. */
export class ApiKeyService {
  constructor(private readonly db: Db) {}

  async create(principal: Principal, name: string, scopes: readonly string[], expiresAt: Date | null) {
    const { orgId, userId, scopes: held } = orgOf(principal);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > MAX_KEY_NAME) throw appError('BAD_USER_INPUT', `Name the key (1–${MAX_KEY_NAME} characters)`, { field: 'name' });
    if (expiresAt && expiresAt <= new Date()) throw appError('BAD_USER_INPUT', 'The expiry must be in the future', { field: 'expiresAt' });
    const granted = grantableScopesOrThrow(scopes, held);
    const key = generateApiKey();
    const [row] = await inTenant(this.db, { orgId, userId }, async (tx) => {
      const rows = await tx.insert(apiKeys).values({ orgId, name: trimmed, prefix: key.prefix, keyHash: key.hash, scopes: granted, createdBy: userId, expiresAt }).returning();
      await recordApiKeyEvent(tx, EVENT_TYPES.identityApiKeyCreated, rows[0]!, userId);
      return rows;
    });
    return { secret: key.key, apiKey: row! };
  }

  async list(principal: Principal): Promise<ApiKeyRow[]> {
    const { orgId, userId } = orgOf(principal);
    return inTenant(this.db, { orgId, userId }, (tx) => tx.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)));
  }

  async revoke(principal: Principal, id: string): Promise<ApiKeyRow> {
    const { orgId, userId } = orgOf(principal);
    const [row] = await inTenant(this.db, { orgId, userId }, async (tx) => {
      const rows = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, uuidOrThrow(id, 'id')), isNull(apiKeys.revokedAt))).returning();
      if (rows[0]) await recordApiKeyEvent(tx, EVENT_TYPES.identityApiKeyRevoked, rows[0], userId);
      return rows;
    });
    if (!row) throw appError('NOT_FOUND', 'No such active API key');
    return row;
  }

  /** The organisation sets how many cost points per minute one of its keys may spend at the gateway. */
  async setRateLimit(principal: Principal, id: string, perMinute: number | null): Promise<ApiKeyRow> {
    const { orgId, userId } = orgOf(principal);
    const limit = rateLimitOrThrow(perMinute);
    const [row] = await inTenant(this.db, { orgId, userId }, (tx) =>
      tx.update(apiKeys).set({ rateLimitPerMinute: limit }).where(and(eq(apiKeys.id, uuidOrThrow(id, 'id')), isNull(apiKeys.revokedAt))).returning(),
    );
    if (!row) throw appError('NOT_FOUND', 'No such active API key');
    return row;
  }

  /**
   * The gateway's check of a presented key. Row-level security shows the row only to whoever holds its secret
   * (the policy matches `app.api_key_hash`); revoked and expired keys are refused at once (nothing is cached).
   */
  async verify(presented: string): Promise<VerifiedApiKey | null> {
    const parsed = parseApiKey(presented);
    if (!parsed) return null;
    return inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      await setLocal(tx, 'app.api_key_hash', parsed.hash);
      const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.keyHash, parsed.hash));
      if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= new Date())) return null;
      await setTenant(tx, { orgId: row.orgId, userId: null });
      const staleBefore = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
      await tx
        .update(apiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
      return { keyId: row.id, orgId: row.orgId, scopes: row.scopes.filter(isScope), rateLimitPerMinute: row.rateLimitPerMinute };
    });
  }
}
