import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '@etika/kit';
import { watchSupergraph, type SupergraphWatch } from './reload.ts';

const logger = pino({ level: 'silent' }) as unknown as Logger;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await settle(10);
  }
};

let dir: string;
let watch: SupergraphWatch | undefined;
afterEach(() => {
  watch?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the supergraph file watch', () => {
  it('tries each text once: a refused one is not refused again when only the file’s stat changes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'reload-'));
    const path = join(dir, 'supergraph.graphql');
    writeFileSync(path, 'good one');
    const tried: string[] = [];
    const results: boolean[] = [];
    const apply = async (sdl: string) => {
      tried.push(sdl);
      if (sdl.startsWith('bad')) throw new Error('does not build');
    };
    watch = watchSupergraph(path, 'good one', apply, logger, (ok) => results.push(ok), 10);
    writeFileSync(path, 'bad text');
    await until(() => results.length === 1);
    // a second stat change with the same text, as a write that truncates then writes makes
    utimesSync(path, new Date(), new Date(Date.now() + 5_000));
    await settle(100);
    expect(results).toEqual([false]);
    writeFileSync(path, 'good two');
    await until(() => results.length === 2);
    expect(tried).toEqual(['bad text', 'good two']);
    expect(results).toEqual([false, true]);
  });
});
