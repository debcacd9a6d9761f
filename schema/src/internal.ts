import { z } from 'zod';
import { ROLES, SCOPES } from './permissions.ts';

/**
 * One internal route (`/internal/...`): how one part asks another a question outside the graph. The route parses
 * its request with `request` (the query string of a GET, the JSON body of a POST) and its answer with `answer`
 * before sending; the caller builds its request and parses the answer with the same schemas.
 */
export interface InternalContract<Request extends z.ZodType<Record<string, unknown>>, Answer extends z.ZodType> {
  readonly path: `/internal/${string}`;
  readonly method: 'GET' | 'POST';
  readonly request: Request;
  readonly answer: Answer;
}

function contract<Request extends z.ZodType<Record<string, unknown>>, Answer extends z.ZodType>(c: InternalContract<Request, Answer>) {
  return c;
}

const uuid = z.string().uuid();

export const INTERNAL_ROUTES = {
  /** identity, asked by the gateway (with its own principal token): whose is this API key? 404 when none. */
  verifyApiKey: contract({
    path: '/internal/api-keys/verify',
    method: 'POST',
    request: z.object({ key: z.string().max(200) }),
    /** `rateLimitPerMinute`: the key's own limit in cost points, set by its organisation; null for the gateway's default. */
    answer: z.object({ keyId: uuid, orgId: uuid, scopes: z.array(z.enum(SCOPES)), rateLimitPerMinute: z.number().int().positive().nullable() }),
  }),
  /** identity, asked by org with a person's relayed principal token: the address of that person (for their invitations). */
  ownEmail: contract({
    path: '/internal/users/own-email',
    method: 'GET',
    request: z.object({}),
    answer: z.object({ email: z.string() }),
  }),
  /** org, asked with the caller's relayed principal token: does this user belong to the caller's organisation? */
  checkMember: contract({
    path: '/internal/members/check',
    method: 'GET',
    request: z.object({ user: uuid }),
    answer: z.object({ member: z.boolean() }),
  }),
  /** org, asked by identity with a service token for that one user: the user's memberships, oldest first. */
  memberships: contract({
    path: '/internal/memberships',
    method: 'GET',
    request: z.object({ user: uuid }),
    answer: z.object({ memberships: z.array(z.object({ orgId: uuid, role: z.enum(ROLES) })) }),
  }),
  /**
   * token, asked by payment with the buyer's relayed principal token before money is taken: does the token exist
   * in the caller's organisation, and do these tokens fit under its supply cap, counting what other unexpired
   * purchases hold? With a quote id the room is held for that purchase (an hour, or until it is issued).
   */
  reservePurchase: contract({
    path: '/internal/purchases/reserve',
    method: 'POST',
    request: z.object({ tokenId: uuid, tokens: z.string().regex(/^[1-9][0-9]{0,38}$/), quoteId: uuid.nullable() }),
    answer: z.object({ outcome: z.enum(['fits', 'cap', 'no_token']) }),
  }),
  /**
   * token, asked by payment with the refunding person's relayed principal token: take back the tokens a payment
   * issued, once per refund id. `spent` when the buyer no longer holds them (and `onlyWhatIsLeft` was not asked,
   * or nothing is left), `not_issued` when the payment's tokens were never issued.
   */
  refundPurchase: contract({
    path: '/internal/purchases/refund',
    method: 'POST',
    request: z.object({ paymentId: uuid, refundId: uuid, tokens: z.string().regex(/^[1-9][0-9]{0,38}$/), onlyWhatIsLeft: z.boolean() }),
    answer: z.object({ outcome: z.enum(['taken', 'spent', 'not_issued']), tokens: z.string().regex(/^[0-9]{1,39}$/) }),
  }),
} as const;

export type InternalRequest<C extends InternalContract<z.ZodType<Record<string, unknown>>, z.ZodType>> = z.input<C['request']>;
export type InternalAnswer<C extends InternalContract<z.ZodType<Record<string, unknown>>, z.ZodType>> = z.output<C['answer']>;

/**
 * Provider webhooks: the gateway takes `POST /webhooks/payments/<provider>` and forwards the raw body to payment's
 * internal route with its own principal token, the provider's signature header moved to one name. Payment checks the
 * signature; the gateway only carries it.
 */
export const PAYMENT_WEBHOOKS = {
  publicPrefix: '/webhooks/payments/',
  internalPrefix: '/internal/webhooks/payments/',
  forwardedSignatureHeader: 'etika-webhook-signature',
  /** Where each provider puts its signature. */
  signatureHeaders: { sandbox: 'etika-sandbox-signature', stripe: 'stripe-signature' },
} as const;
