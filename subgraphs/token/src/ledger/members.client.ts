import { eq, and, sql } from 'drizzle-orm';
import { INTERNAL_ROUTES, PRINCIPAL_HEADER, type OrgMembershipChanged } from '@etika/schema';
import { callInternal, inTenant, type Db, type Rights, type Tx } from '@etika/kit';
import { members } from './members.tables.ts';

/**
 * Who may receive tokens in the caller's organisation. The ledger keeps what org answered in `token.members`, with
 * the (user, organisation) membership epoch read before asking; org raises that epoch before and after every change
 * of the membership, so a row is trusted only while its epoch is still the current one (checked by
 * `token.recipients_known`, in the statement that commits a transfer).
 */
export interface MemberDirectory {
  /** The membership epoch now: 0 when none is remembered. */
  epochOf(userId: string, orgId: string): Promise<number>;
  /** org's answer, asked with the caller's principal token, after `epoch` was read. */
  ask(userId: string, principalToken: string, epoch: number): Promise<boolean>;
}

export function httpMemberDirectory(orgBaseUrl: () => string, rights: Rights): MemberDirectory {
  // concurrent transfers to one new recipient share one question to org, only those that read the same epoch: a
  // question asked before a change completed is never taken as the answer for one that read the epoch after it
  const inFlight = new Map<string, Promise<boolean>>();
  return {
    epochOf: (userId, orgId) => rights.membershipEpoch(userId, orgId),
    ask(userId, principalToken, epoch) {
      const key = `${userId}:${epoch}:${principalToken}`;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const asking = callInternal(orgBaseUrl(), INTERNAL_ROUTES.checkMember, { user: userId }, { [PRINCIPAL_HEADER]: principalToken })
        .then((answer) => answer?.member === true)
        .finally(() => inFlight.delete(key));
      inFlight.set(key, asking);
      return asking;
    },
  };
}

export interface LearnedMembership {
  readonly userId: string;
  readonly member: boolean;
  /** The epoch read before org was asked. */
  readonly epoch: number;
}

/** Keeps org's answers; an answer read under an older epoch than the row's never overwrites it. */
export async function rememberMemberships(db: Db, orgId: string, learned: readonly LearnedMembership[]): Promise<void> {
  if (learned.length === 0) return;
  await inTenant(db, { orgId, userId: null }, (tx) =>
    tx
      .insert(members)
      .values(learned.map((l) => ({ orgId, userId: l.userId, member: l.member, epoch: l.epoch })))
      .onConflictDoUpdate({
        target: [members.orgId, members.userId],
        set: { member: sql`excluded.member`, epoch: sql`excluded.epoch`, checkedAt: sql`excluded.checked_at` },
        setWhere: sql`${members.epoch} <= excluded.epoch`,
      }),
  );
}

/**
 * `org.membership.changed`: what token knew of that person is forgotten, so the next transfer to them asks org. The
 * epoch guards the time until the event arrives; the event keeps the table from trusting what has changed since.
 */
export async function forgetMembership(tx: Tx, change: OrgMembershipChanged): Promise<void> {
  await tx.delete(members).where(and(eq(members.orgId, change.orgId), eq(members.userId, change.userId)));
}
