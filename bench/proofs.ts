import { sql } from 'drizzle-orm';
import { chain } from '@etika/chain';
import { nodeReader } from '../subgraphs/chain/src/log/log.service.ts';
import { MemoryNodeStore, inclusionProof, leafHash } from '../subgraphs/chain/src/tlog/index.ts';
import { inTenant, migrateSubgraph, type Database } from '@etika/kit';

/**
 * Builds a log of `leaves` leaves in the chain schema (complete-subtree hashes computed in memory, bulk-inserted),
 * then times inclusion proofs at two tree sizes with the same database reader the subgraph uses.
 */
export async function benchProofs(database: Database, leaves: number, sizes: readonly number[], samples = 500): Promise<{ size: number; meanMs: number; p99Ms: number }[]> {
  await migrateSubgraph(database, chain.name, chain.migrations);
  const store = new MemoryNodeStore();
  const batch = 65_536;
  for (let i = 0; i < leaves; i += batch) {
    await store.append(Array.from({ length: Math.min(batch, leaves - i) }, (_, j) => leafHash(Buffer.from(`leaf ${i + j}`))));
  }
  const rows = [...store.nodes.entries()];
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = rows.slice(i, i + 20_000);
    const levels = chunk.map(([k]) => Number(k.split('/')[0]));
    const indexes = chunk.map(([k]) => Number(k.split('/')[1]));
    const hashes = chunk.map(([, h]) => `\\x${Buffer.from(h).toString('hex')}`);
    await database.db.execute(sql`insert into chain.nodes (level, idx, hash)
      select * from unnest(${`{${levels.join(',')}}`}::smallint[], ${`{${indexes.join(',')}}`}::bigint[], ${`{${hashes.map((h) => `"${h.replace(/\\/g, '\\\\')}"`).join(',')}}`}::bytea[])`);
  }
  const results = [];
  for (const size of sizes) {
    const times: number[] = [];
    for (let s = 0; s < samples; s++) {
      const index = Math.floor(Math.random() * size);
      const t = performance.now();
      await inTenant(database.db, { orgId: null, userId: null }, (tx) => inclusionProof(index, size, nodeReader(tx)));
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.push({ size, meanMs: times.reduce((a, b) => a + b, 0) / times.length, p99Ms: times[Math.floor(0.99 * times.length)]! });
  }
  return results;
}
