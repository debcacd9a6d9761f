import { eq } from 'drizzle-orm';
import { jsonb, numeric, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inTenant, setLocal, type Db, type Tx } from '@etika/kit';
import { paymentSchema } from '../tables.ts';
import type { IntentMetadata } from './provider.ts';
import type { StripeIntentShape } from './stripe-shapes.ts';

/**
 * The sandbox provider's own intents, kept in payment's database as a provider keeps them in its own: they outlive a
 * restart, and every replica sees the same ones. Readable only by the sandbox (`app.system = 'payment-sandbox'`).
 */
export const sandboxIntents = paymentSchema.table('sandbox_intents', {
  id: text('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  paymentId: uuid('payment_id').notNull(),
  amount: numeric('amount', { precision: 39, scale: 0 }).notNull(),
  intent: jsonb('intent').$type<StripeIntentShape>().notNull(),
  /** When a `processing` intent succeeds by itself. */
  settlesAt: timestamp('settles_at', { withTimezone: true }),
});

/** One intent as the sandbox holds it. */
export interface HeldIntent {
  readonly intent: StripeIntentShape;
  readonly metadata: IntentMetadata;
  readonly amount: bigint;
  readonly settlesAt: Date | null;
}

type Row = typeof sandboxIntents.$inferSelect;
const held = (row: Row): HeldIntent => ({ intent: row.intent, metadata: { orgId: row.orgId, paymentId: row.paymentId }, amount: BigInt(row.amount), settlesAt: row.settlesAt });

const asSandbox = <T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> =>
  inTenant(db, { orgId: null, userId: null }, async (tx) => {
    await setLocal(tx, 'app.system', 'payment-sandbox');
    return fn(tx);
  });

/** The sandbox's intents in the database; each change reads and writes its intent under a row lock. */
export class SandboxIntentStore {
  constructor(private readonly db: Db) {}

  /** Holds `intent` unless one with its id is held already; answers the one held. */
  async create(intent: HeldIntent): Promise<HeldIntent> {
    return asSandbox(this.db, async (tx) => {
      await tx
        .insert(sandboxIntents)
        .values({ id: intent.intent.id, orgId: intent.metadata.orgId, paymentId: intent.metadata.paymentId, amount: intent.amount.toString(), intent: intent.intent, settlesAt: intent.settlesAt })
        .onConflictDoNothing();
      const [row] = await tx.select().from(sandboxIntents).where(eq(sandboxIntents.id, intent.intent.id));
      return held(row!);
    });
  }

  async read(id: string): Promise<HeldIntent | null> {
    const [row] = await asSandbox(this.db, (tx) => tx.select().from(sandboxIntents).where(eq(sandboxIntents.id, id)));
    return row ? held(row) : null;
  }

  /**
   * Applies `decide` to the intent as it is now, the row locked so concurrent changes (another replica, a settling
   * timer) wait for each other; writes what it returns. Answers the intent after, and whether it changed; null for
   * an intent the sandbox does not hold.
   */
  async change(id: string, decide: (now: HeldIntent) => HeldIntent | null): Promise<{ held: HeldIntent; changed: boolean } | null> {
    return asSandbox(this.db, async (tx) => {
      const [row] = await tx.select().from(sandboxIntents).where(eq(sandboxIntents.id, id)).for('update');
      if (!row) return null;
      const next = decide(held(row));
      if (!next) return { held: held(row), changed: false };
      await tx.update(sandboxIntents).set({ intent: next.intent, settlesAt: next.settlesAt }).where(eq(sandboxIntents.id, id));
      return { held: next, changed: true };
    });
  }
}
