import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/log/canonical.ts';
import { MemoryNodeStore, consistencyProof, inclusionProof, leafHash, rootAt, signCheckpoint, verifierKey } from '../src/tlog/index.ts';

/** The command-line verifier, run as a child process the way a user runs it: no database, files only. */
const CLI = fileURLToPath(new URL('../src/verify-cli.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../../node_modules/.bin/etika-verify', import.meta.url));
const ORIGIN = 'etika.test/cli-log';
const SIZES = [3, 7, 11];
const FINAL_SIZE = 11;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(script: string, args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let dir: string;
let otherKey: string;
let inclusionExport: Record<string, unknown>;
let consistencyExport: { publicKey: string; checkpoints: string[]; proofs: string[][] };

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chain-cli-'));
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  otherKey = verifierKey(ORIGIN, generateKeyPairSync('ed25519').publicKey);
  const leaves = Array.from({ length: FINAL_SIZE }, (_, i) =>
    canonicalJson({ transactionId: `tx-${i}`, kind: 'issue', amount: String(10 * (i + 1)) }),
  );
  const store = new MemoryNodeStore();
  await store.append(leaves.map((data) => leafHash(Buffer.from(data, 'utf8'))));
  const notes: string[] = [];
  for (const size of SIZES) {
    notes.push(signCheckpoint({ origin: ORIGIN, size, rootHash: await rootAt(size, store.read) }, ORIGIN, privateKey, publicKey));
  }
  const publicKeyLine = verifierKey(ORIGIN, publicKey);
  inclusionExport = {
    publicKey: publicKeyLine,
    leafData: leaves[5],
    leafIndex: 5,
    treeSize: FINAL_SIZE,
    hashes: (await inclusionProof(5, FINAL_SIZE, store.read)).map(b64),
    checkpoint: { note: notes[2] },
  };
  const proofs: string[][] = [];
  for (const [i, size] of SIZES.slice(1).entries()) proofs.push((await consistencyProof(SIZES[i]!, size, store.read)).map(b64));
  consistencyExport = { publicKey: publicKeyLine, checkpoints: notes, proofs };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verify inclusion <file>', () => {
  it('accepts an exported proof under its signed checkpoint', async () => {
    const outcome = await runCli(CLI, ['inclusion', writeJson('good.json', inclusionExport)]);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toBe(`OK leaf 5 is in ${ORIGIN} at size 11\n`);
  });

  it('rejects a rewritten transaction', async () => {
    const forged = { ...inclusionExport, leafData: String(inclusionExport.leafData).replace('"60"', '"6000"') };
    expect(forged.leafData).not.toBe(inclusionExport.leafData);
    const outcome = await runCli(CLI, ['inclusion', writeJson('forged-leaf.json', forged)]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^FAILED the leaf is not in the log/);
  });

  it('rejects a checkpoint whose body was altered after signing', async () => {
    const note = String((inclusionExport.checkpoint as { note: string }).note).replace('\n11\n', '\n12\n');
    const outcome = await runCli(CLI, ['inclusion', writeJson('forged-note.json', { ...inclusionExport, treeSize: 12, checkpoint: { note } })]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/signature does not verify/);
  });

  it("rejects a checkpoint checked against another log's key", async () => {
    const outcome = await runCli(CLI, ['inclusion', writeJson('other-key.json', { ...inclusionExport, publicKey: otherKey })]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/no signature by this key|does not verify/);
  });

  it('runs through the etika-verify bin symlink too, rather than exiting 0 without checking', async () => {
    const good = await runCli(BIN, ['inclusion', writeJson('bin-good.json', inclusionExport)]);
    expect(good).toMatchObject({ code: 0, stdout: `OK leaf 5 is in ${ORIGIN} at size 11\n` });
    const forged = { ...inclusionExport, leafIndex: 4 };
    expect((await runCli(BIN, ['inclusion', writeJson('bin-forged.json', forged)])).code).toBe(1);
  });
});

describe('verify consistency <file>', () => {
  it('accepts a chain of checkpoints with a proof between each pair', async () => {
    const outcome = await runCli(CLI, ['consistency', writeJson('chain.json', consistencyExport)]);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout).toBe(`OK 3 checkpoints of ${ORIGIN} are consistent, up to size 11\n`);
  });

  it('rejects a forged consistency proof and a missing one', async () => {
    const [first, second] = consistencyExport.proofs as [string[], string[]];
    const forged = { ...consistencyExport, proofs: [first, [...second].reverse()] };
    const outcome = await runCli(CLI, ['consistency', writeJson('forged-chain.json', forged)]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/the log at 11 does not extend the log at 7/);
    const missing = await runCli(CLI, ['consistency', writeJson('short-chain.json', { ...consistencyExport, proofs: [first] })]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/one proof is needed between each pair/);
  });
});

describe('misuse', () => {
  it('exits 2 with usage on an unknown mode and 1 on an unreadable file', async () => {
    const usage = await runCli(CLI, ['audit', 'x.json']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^usage:/);
    const missing = await runCli(CLI, ['inclusion', join(dir, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^FAILED .*ENOENT/);
  });
});
