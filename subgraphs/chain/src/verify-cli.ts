#!/usr/bin/env -S npx tsx
/**
 * Verifies exported proofs with no database and no network:
 *
 *   npm run verify -w subgraphs/chain -- inclusion proof.json
 *   npm run verify -w subgraphs/chain -- consistency chain.json
 *
 * inclusion:   { publicKey, leafData, leafIndex, treeSize, hashes: [base64], checkpoint: { note } }
 * consistency: { publicKey, checkpoints: [note, …] (ascending), proofs: [[base64, …], …] (one per step) }
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { leafHash, openCheckpoint, rootFromInclusionProof, equalBytes, verifyConsistency } from './tlog/index.ts';

const inclusionFile = z.object({
  publicKey: z.string(),
  leafData: z.string(),
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  hashes: z.array(z.string()),
  checkpoint: z.object({ note: z.string() }),
});

const consistencyFile = z.object({
  publicKey: z.string(),
  checkpoints: z.array(z.string()).min(1),
  proofs: z.array(z.array(z.string())),
});

const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export function verifyInclusionExport(json: unknown): string {
  const f = inclusionFile.parse(json);
  const checkpoint = openCheckpoint(f.checkpoint.note, f.publicKey);
  if (checkpoint.size !== f.treeSize) throw new Error(`the proof is for size ${f.treeSize}, the checkpoint for ${checkpoint.size}`);
  const root = rootFromInclusionProof(f.leafIndex, f.treeSize, leafHash(Buffer.from(f.leafData, 'utf8')), f.hashes.map(b64));
  if (!equalBytes(root, checkpoint.rootHash)) throw new Error('the leaf is not in the log the checkpoint signs');
  return `OK leaf ${f.leafIndex} is in ${checkpoint.origin} at size ${checkpoint.size}`;
}

export function verifyConsistencyExport(json: unknown): string {
  const f = consistencyFile.parse(json);
  const opened = f.checkpoints.map((note) => openCheckpoint(note, f.publicKey));
  if (f.proofs.length !== opened.length - 1) throw new Error('one proof is needed between each pair of checkpoints');
  for (let i = 1; i < opened.length; i++) {
    const [a, b] = [opened[i - 1]!, opened[i]!];
    if (a.origin !== b.origin) throw new Error('the checkpoints are of different logs');
    if (!verifyConsistency(a.size, b.size, f.proofs[i - 1]!.map(b64), a.rootHash, b.rootHash)) {
      throw new Error(`the log at ${b.size} does not extend the log at ${a.size}`);
    }
  }
  return `OK ${opened.length} checkpoints of ${opened[0]!.origin} are consistent, up to size ${opened[opened.length - 1]!.size}`;
}

function main(argv: string[]): number {
  const [mode, file] = argv;
  if ((mode !== 'inclusion' && mode !== 'consistency') || !file) {
    process.stderr.write('usage: verify inclusion <file.json> | verify consistency <file.json>\n');
    return 2;
  }
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    process.stdout.write(`${mode === 'inclusion' ? verifyInclusionExport(json) : verifyConsistencyExport(json)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`FAILED ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** True when this file is the program being run, also through a symlink such as the `etika-verify` bin. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url);
}

if (isEntryPoint()) process.exitCode = main(process.argv.slice(2));
