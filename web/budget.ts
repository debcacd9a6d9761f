/**
 * The bundle budget: the JavaScript a browser downloads before sign-in (the entry and everything index.html
 * preloads) must stay under 250 kB gzip. Lazy module chunks are not part of it. Fails the build when exceeded.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const dist = new URL('./dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const sizes = scripts.map((file) => ({ file, gzip: gzipSync(readFileSync(new URL(file, dist))).length }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
for (const s of sizes) process.stdout.write(`  ${s.file}  ${(s.gzip / 1024).toFixed(1)} kB gzip\n`);
process.stdout.write(`shell before sign-in: ${(total / 1024).toFixed(1)} kB gzip (budget ${BUDGET_BYTES / 1024} kB)\n`);
if (total > BUDGET_BYTES) {
  process.stderr.write('The shell exceeds its bundle budget.\n');
  process.exit(1);
}
