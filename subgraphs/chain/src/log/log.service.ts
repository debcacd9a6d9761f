import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { appError, inTenant, loadByIds, queryRows, scopeOf, type Db, type Tx } from '@etika/kit';
import type { EventEnvelope, Principal, TokenTransactionCommitted } from '@etika/schema';
import { checkpoints, leaves, logState, nodes } from '../tables.ts';
import {
  appendLeaves,
  consistencyProof,
  inclusionProof,
  leafHash,
  openCheckpoint,
  rootAt,
  signCheckpoint,
  verifierKey,
  verifyConsistency,
  type NodeReader,
} from '../tlog/index.ts';
import { canonicalJson } from './canonical.ts';

export type CheckpointRow = typeof checkpoints.$inferSelect;

export interface InclusionExport {
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafData: string;
  readonly hashes: string[];
  readonly checkpoint: CheckpointRow;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Reads complete-subtree hashes in one query. */
export function nodeReader(tx: Tx): NodeReader {
  return async (ids) => {
    if (ids.length === 0) return [];
    const wanted = sql.join(ids.map((id) => sql`(${id.level}::smallint, ${id.index}::bigint)`), sql`, `);
    const rows = await queryRows<{ level: number; idx: string | number; hash: Buffer | Uint8Array }>(tx, sql`select level, idx, hash from chain.nodes where (level, idx) in (${wanted})`);
    const byKey = new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, new Uint8Array(r.hash)]));
    return ids.map((id) => {
      const h = byKey.get(`${id.level}/${id.index}`);
      if (!h) throw new Error(`node ${id.level}/${id.index} is missing from the log`);
      return h;
    });
  };
}

/** The verifiable log of token transactions: append, sign checkpoints, prove. */
export class LogService {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly verifierKey: string;

  constructor(
    private readonly db: Db,
    readonly origin: string,
    keys: { publicJwk: JsonWebKey; privateJwk: JsonWebKey | null },
  ) {
    if (!keys.privateJwk) throw new Error('the chain needs its private key to sign checkpoints');
    this.privateKey = createPrivateKey({ key: keys.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    this.publicKey = createPublicKey({ key: keys.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    this.verifierKey = verifierKey(origin, this.publicKey);
  }

  /** Appends one committed transaction as a leaf, in the consumer's transaction (so once per event). */
  async append(tx: Tx, event: EventEnvelope<TokenTransactionCommitted>): Promise<void> {
    const [state] = await tx.select().from(logState).where(eq(logState.id, 1)).for('update');
    if (!state) throw new Error('the log has no state row');
    const data = canonicalJson(event.payload);
    const hash = leafHash(Buffer.from(data, 'utf8'));
    const created = await appendLeaves(state.size, [hash], nodeReader(tx));
    await tx.insert(nodes).values(created.map((n) => ({ level: n.level, idx: n.index, hash: Buffer.from(n.hash) })));
    await tx.insert(leaves).values({ idx: state.size, orgId: event.payload.orgId, transactionId: event.payload.transactionId, data, leafHash: Buffer.from(hash) });
    await tx.update(logState).set({ size: state.size + 1 }).where(eq(logState.id, 1));
  }

  /**
   * Signs a checkpoint of the current tree unless the last one already covers it. Before signing, the new tree is
   * proven consistent with the last signed one, so two inconsistent checkpoints are never both signed.
   */
  async checkpoint(): Promise<CheckpointRow | null> {
    return inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const [state] = await tx.select().from(logState).where(eq(logState.id, 1)).for('update');
      const size = state?.size ?? 0;
      const [last] = await tx.select().from(checkpoints).orderBy(desc(checkpoints.size)).limit(1);
      if (size === 0 || (last && last.size >= size)) return last ?? null;
      const read = nodeReader(tx);
      const root = await rootAt(size, read);
      if (last) {
        const proof = await consistencyProof(last.size, size, read);
        if (!verifyConsistency(last.size, size, proof, new Uint8Array(last.rootHash), root)) {
          throw new Error(`the log at ${size} is not consistent with the checkpoint at ${last.size}; refusing to sign`);
        }
      }
      const note = signCheckpoint({ origin: this.origin, size, rootHash: root }, this.origin, this.privateKey, this.publicKey);
      const [row] = await tx.insert(checkpoints).values({ size, rootHash: Buffer.from(root), note }).onConflictDoNothing().returning();
      return row ?? last ?? null;
    });
  }

  async latest(): Promise<CheckpointRow | null> {
    const [row] = await inTenant(this.db, { orgId: null, userId: null }, (tx) => tx.select().from(checkpoints).orderBy(desc(checkpoints.size)).limit(1));
    return row ?? null;
  }

  async history(first: number, before: number | null): Promise<CheckpointRow[]> {
    return inTenant(this.db, { orgId: null, userId: null }, (tx) =>
      tx.select().from(checkpoints).where(before === null ? undefined : lt(checkpoints.size, before)).orderBy(desc(checkpoints.size)).limit(Math.min(Math.max(first, 1), 100)),
    );
  }

  /** Consistency proof between two checkpointed sizes (the verifier needs both signed roots). */
  async consistency(size1: number, size2: number): Promise<string[]> {
    if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) throw appError('BAD_USER_INPUT', 'Sizes are whole numbers');
    if (size1 > size2) throw appError('BAD_USER_INPUT', 'size1 must not be larger than size2', { field: 'size1' });
    return inTenant(this.db, { orgId: null, userId: null }, async (tx) => {
      const [state] = await tx.select().from(logState).where(eq(logState.id, 1));
      if (size2 > (state?.size ?? 0)) throw appError('BAD_USER_INPUT', 'size2 is beyond the log', { field: 'size2' });
      return (await consistencyProof(size1, size2, nodeReader(tx))).map(b64);
    });
  }

  /**
   * Inclusion proofs for transactions against the latest checkpoint that covers them; row-level security shows a
   * tenant only its own leaves. A transaction not yet in a checkpoint answers null.
   */
  async inclusion(principal: Principal, transactionIds: readonly string[]): Promise<(InclusionExport | null)[]> {
    const fetch = (valid: string[]) =>
      inTenant(this.db, scopeOf(principal), async (tx) => {
        const found = await tx.select().from(leaves).where(inArray(leaves.transactionId, valid)).orderBy(asc(leaves.idx));
        const [latest] = await tx.select().from(checkpoints).orderBy(desc(checkpoints.size)).limit(1);
        const read = nodeReader(tx);
        const proofs: (InclusionExport & { transactionId: string })[] = [];
        for (const leaf of found) {
          if (!latest || leaf.idx >= latest.size) continue;
          const hashes = (await inclusionProof(leaf.idx, latest.size, read)).map(b64);
          proofs.push({ transactionId: leaf.transactionId, leafIndex: leaf.idx, treeSize: latest.size, leafData: leaf.data, hashes, checkpoint: latest });
        }
        return proofs;
      });
    return loadByIds(transactionIds, fetch, (p) => p.transactionId);
  }

  /** Checks a stored note against this log's key (used by tests and start-up self-checks). */
  open(note: string) {
    return openCheckpoint(note, this.verifierKey);
  }
}
