import {
  ANONYMOUS,
  API_KEY_PREFIX,
  INTERNAL_ROUTES,
  PRINCIPAL_HEADER,
  REFRESH_TOKEN_PREFIX,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  accessTokenClaims,
  type AccessTokenClaims,
  type Principal,
} from '@etika/schema';
import { BoundedCache, HttpError, callInternal, signPrincipalToken, verifyToken, type Rights } from '@etika/kit';

type Key = Parameters<typeof verifyToken>[0];

export const API_KEY_HEADER = 'x-api-key';

function unauthenticated(message: string): HttpError {
  return new HttpError(401, message, 'UNAUTHENTICATED');
}

export interface Authenticated {
  readonly principal: Principal;
  /** The token subgraphs receive, signed once and cached for most of its life. */
  readonly principalToken: string;
  /** A partner key's own limit in cost points per minute, set by its organisation; null for the gateway's default. */
  readonly rateLimitPerMinute?: number | null;
}

/**
 * Turns request credentials into a principal: an access JWT (`Authorization: Bearer`) from identity, or a
 * partner API key (`X-Api-Key`, or `Authorization: Bearer etk_…`). Bad credentials are a 401, never a quiet
 * fall back to anonymous; no credentials at all is the anonymous principal.
 */
export class Authenticator {
  private readonly cache: BoundedCache<string, Authenticated>;

  constructor(
    private readonly identityKey: Key,
    private readonly gatewayKey: Key,
    private readonly identityBaseUrl: () => string,
    private readonly rights: Rights,
    maxCached = 10_000,
  ) {
    this.cache = new BoundedCache(maxCached);
  }

  async authenticate(headers: { authorization?: string | undefined; apiKey?: string | undefined }): Promise<Authenticated> {
    const bearer = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (headers.authorization !== undefined && !bearer) throw unauthenticated('Authorization must be "Bearer <token>"');
    const apiKey = headers.apiKey ?? (bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined);
    if (apiKey) return this.fromApiKey(apiKey);
    if (bearer) return this.current(await this.cached(bearer, () => this.fromAccessToken(bearer)));
    return this.cached('anonymous', async () => ({
      value: { principal: ANONYMOUS, principalToken: await signPrincipalToken(this.gatewayKey, ANONYMOUS) },
      expiresAt: Number.POSITIVE_INFINITY,
    }));
  }

  /**
   * A person's token is checked against the platform's current rights on every request (never cached): after a
   * sign-out or a change of role the very next request is refused, with a code that says whether to refresh.
   * Rights that cannot be checked refuse the request.
   */
  private async current(authenticated: Authenticated): Promise<Authenticated> {
    const { principal } = authenticated;
    if (principal.kind !== 'user') return authenticated;
    let verdict;
    try {
      verdict = await this.rights.verdict(principal);
    } catch {
      throw new HttpError(503, 'Rights cannot be checked right now; try again shortly', 'SERVICE_UNAVAILABLE');
    }
    if (verdict === 'session-revoked') throw new HttpError(401, 'This session has ended; sign in again', 'SESSION_REVOKED');
    if (verdict === 'rights-changed') throw new HttpError(401, 'Your rights have changed; refresh your session', 'RIGHTS_CHANGED');
    return authenticated;
  }

  /** Principal tokens live 60 s; one is reused for 45 s at most, and never past the access token's expiry. */
  private async cached(key: string, make: () => Promise<{ value: Authenticated; expiresAt: number }>): Promise<Authenticated> {
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit) return hit;
    const { value, expiresAt } = await make();
    this.cache.set(key, value, { expiresAt: Math.min(now + 45_000, expiresAt) });
    return value;
  }

  private async fromAccessToken(token: string): Promise<{ value: Authenticated; expiresAt: number }> {
    if (token.startsWith(REFRESH_TOKEN_PREFIX)) throw unauthenticated('A refresh token is not an access token');
    let claims: AccessTokenClaims;
    let exp: number;
    let iat: number;
    try {
      const payload = await verifyToken(this.identityKey, token, { issuer: TOKEN_ISSUER.identity, audience: TOKEN_AUDIENCE.access });
      claims = accessTokenClaims.parse(payload);
      exp = payload.exp ?? 0;
      iat = payload.iat ?? 0;
    } catch {
      throw unauthenticated('The access token is invalid or expired');
    }
    const principal: Principal = { kind: 'user', userId: claims.sub, sessionId: claims.sid, orgId: claims.org, role: claims.role, scopes: claims.scp, epoch: claims.ep, issuedAt: iat };
    return { value: { principal, principalToken: await signPrincipalToken(this.gatewayKey, principal) }, expiresAt: exp * 1000 };
  }

  /** Keys are checked with identity on every request, so a revoked or expired key stops at once. */
  private async fromApiKey(key: string): Promise<Authenticated> {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) throw unauthenticated('The API key is malformed');
    const anonymous = await this.authenticate({});
    const verified = await callInternal(this.identityBaseUrl(), INTERNAL_ROUTES.verifyApiKey, { key }, { [PRINCIPAL_HEADER]: anonymous.principalToken });
    if (!verified) throw unauthenticated('The API key is unknown, revoked or expired');
    const principal: Principal = { kind: 'apiKey', keyId: verified.keyId, orgId: verified.orgId, role: 'partner', scopes: verified.scopes };
    return { principal, principalToken: await signPrincipalToken(this.gatewayKey, principal), rateLimitPerMinute: verified.rateLimitPerMinute };
  }
}
