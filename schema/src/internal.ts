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
    answer: z.object({ keyId: uuid, orgId: uuid, scopes: z.array(z.enum(SCOPES)) }),
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
} as const;

export type InternalRequest<C extends InternalContract<z.ZodType<Record<string, unknown>>, z.ZodType>> = z.input<C['request']>;
export type InternalAnswer<C extends InternalContract<z.ZodType<Record<string, unknown>>, z.ZodType>> = z.output<C['answer']>;
