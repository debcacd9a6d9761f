import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './hash.ts';

/**
 * A log stores the hash of every complete (perfect) subtree: level L, index i covers leaves [i·2^L, (i+1)·2^L).
 * That is about 2n rows, written once each, and it answers any root or proof with O(log n) reads: a proof needs
 * O(log n) subtree hashes, and at most one of them lies on the incomplete right edge, which is itself made of at
 * most log n complete subtrees.
 */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

export interface StoredNode extends NodeId {
  readonly hash: Uint8Array;
}

export type NodeReader = (ids: readonly NodeId[]) => Promise<Uint8Array[]>;

const key = (id: NodeId) => `${id.level}/${id.index}`;

/** A Merkle tree hash over leaves [start, end), as a recipe of complete subtrees. */
type Recipe = { node: NodeId } | { left: Recipe; right: Recipe };

function recipe(start: number, end: number): Recipe {
  const size = end - start;
  if (isPowerOfTwo(size) && start % size === 0) return { node: { level: Math.log2(size), index: start / size } };
  const k = splitPoint(size);
  return { left: recipe(start, start + k), right: recipe(start + k, end) };
}

function nodesOf(r: Recipe, out: NodeId[]): void {
  if ('node' in r) out.push(r.node);
  else {
    nodesOf(r.left, out);
    nodesOf(r.right, out);
  }
}

function evaluate(r: Recipe, hashes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  if ('node' in r) {
    const h = hashes.get(key(r.node));
    if (!h) throw new Error(`missing node ${key(r.node)}`);
    return h;
  }
  return nodeHash(evaluate(r.left, hashes), evaluate(r.right, hashes));
}

/** Fetches every node the recipes need in one batch and computes their hashes. */
async function compute(recipes: readonly Recipe[], read: NodeReader): Promise<Uint8Array[]> {
  const ids: NodeId[] = [];
  for (const r of recipes) nodesOf(r, ids);
  const unique = [...new Map(ids.map((id) => [key(id), id])).values()];
  const hashes = await read(unique);
  const byKey = new Map(unique.map((id, i) => [key(id), hashes[i]!]));
  return recipes.map((r) => evaluate(r, byKey));
}

export async function rootAt(size: number, read: NodeReader): Promise<Uint8Array> {
  if (size === 0) return EMPTY_ROOT;
  return (await compute([recipe(0, size)], read))[0]!;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), as ranges first, then one batch read. */
export async function inclusionProof(index: number, size: number, read: NodeReader): Promise<Uint8Array[]> {
  if (!(index >= 0 && index < size)) throw new RangeError('leaf index outside the tree');
  const recipes: Recipe[] = [];
  let start = 0;
  let end = size;
  let m = index;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      recipes.push(recipe(start + k, end));
      end = start + k;
    } else {
      recipes.push(recipe(start, start + k));
      start += k;
      m -= k;
    }
  }
  return (await compute(recipes.reverse(), read));
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
export async function consistencyProof(size1: number, size2: number, read: NodeReader): Promise<Uint8Array[]> {
  if (!(size1 >= 0 && size1 <= size2)) throw new RangeError('size1 must be between 0 and size2');
  if (size1 === 0 || size1 === size2) return [];
  const recipes: Recipe[] = [];
  let start = 0;
  let end = size2;
  let m = size1;
  let complete = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      recipes.push(recipe(start + k, end));
      end = start + k;
    } else {
      recipes.push(recipe(start, start + k));
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) recipes.push(recipe(start, end));
  return (await compute(recipes.reverse(), read));
}

/** The complete subtrees on the right edge of a tree of `size` leaves: all an appender needs to know. */
export function frontier(size: number): NodeId[] {
  const ids: NodeId[] = [];
  for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
    const count = Math.floor(size / 2 ** level);
    if (count % 2 === 1) ids.push({ level, index: count - 1 });
  }
  return ids;
}

/**
 * Appends leaves to a tree of `size` leaves: returns every new complete-subtree node to store. Reads only the
 * frontier, never the rest of the log.
 */
export async function appendLeaves(size: number, leafHashes: readonly Uint8Array[], read: NodeReader): Promise<StoredNode[]> {
  const ids = frontier(size);
  const known = new Map<string, Uint8Array>();
  const hashes = ids.length ? await read(ids) : [];
  ids.forEach((id, i) => known.set(key(id), hashes[i]!));
  const created: StoredNode[] = [];
  leafHashes.forEach((leaf, offset) => {
    let index = size + offset;
    let level = 0;
    let hash = leaf;
    created.push({ level, index, hash });
    known.set(key({ level, index }), hash);
    while (index % 2 === 1) {
      const sibling = known.get(key({ level, index: index - 1 }));
      if (!sibling) throw new Error(`frontier node ${level}/${index - 1} missing`);
      hash = nodeHash(sibling, hash);
      level += 1;
      index = Math.floor(index / 2);
      created.push({ level, index, hash });
      known.set(key({ level, index }), hash);
    }
  });
  return created;
}

/** Nodes kept in memory: for tests and the command-line verifier. */
export class MemoryNodeStore {
  readonly nodes = new Map<string, Uint8Array>();
  size = 0;

  readonly read: NodeReader = async (ids) =>
    ids.map((id) => {
      const h = this.nodes.get(key(id));
      if (!h) throw new Error(`no node ${key(id)}`);
      return h;
    });

  async append(leafHashes: readonly Uint8Array[]): Promise<void> {
    for (const n of await appendLeaves(this.size, leafHashes, this.read)) this.nodes.set(key(n), n.hash);
    this.size += leafHashes.length;
  }

  /** Replaces one stored node's hash, as tampering with storage would. */
  tamper(id: NodeId, hash: Uint8Array): void {
    this.nodes.set(key(id), hash);
  }
}
