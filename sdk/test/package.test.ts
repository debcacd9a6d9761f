import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** What `npm publish -w sdk` ships: the build's JavaScript and types, where package.json points. */
const SDK = fileURLToPath(new URL('../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'etika-sdk-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the published package', { timeout: 120_000 }, () => {
  it('builds to JavaScript and declarations that run without the repository', async () => {
    const pkg = JSON.parse(readFileSync(join(SDK, 'package.json'), 'utf8')) as { exports: { '.': { types: string; import: string } }; files: string[]; license: string; private?: boolean };
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE']));
    execFileSync(join(SDK, '../node_modules/.bin/tsc'), ['-p', join(SDK, 'tsconfig.build.json'), '--outDir', out], { stdio: 'pipe' });
    const entry = join(out, pkg.exports['.'].import.replace('./dist/', ''));
    expect(existsSync(join(out, pkg.exports['.'].types.replace('./dist/', '')))).toBe(true);
    const built = (await import(entry)) as Record<string, unknown>;
    for (const name of ['Etika', 'EtikaClient', 'EtikaError', 'verifyWebhook', 'paginate', 'IssueTokensDocument']) expect(built[name], name).toBeDefined();
    expect(readFileSync(entry, 'utf8')).not.toMatch(/from '\.\/[^']+\.ts'/);
  });
});
