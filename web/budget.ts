/**
 * The bundle budget: the JavaScript a browser downloads before sign-in must stay under 250 kB gzip. That is the
 * entry, everything index.html preloads, and one shell catalogue (each language's shell strings are their own
 * chunk, loaded before the first page renders; the larger is counted). Lazy module chunks, the module pages'
 * strings among them, are not part of it. Fails the build when exceeded.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const dist = new URL('./dist/', import.meta.url);
const gzip = (file: string) => gzipSync(readFileSync(new URL(file, dist))).length;
const html = readFileSync(new URL('index.html', dist), 'utf8');
const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const catalogues = readdirSync(new URL('assets/', dist)).filter((f) => /^(en|fr)-[\w-]+\.js$/.test(f)).map((f) => `assets/${f}`);
if (catalogues.length !== 2) {
  process.stderr.write(`Expected one chunk per catalogue, found ${catalogues.join(', ') || 'none'}.\n`);
  process.exit(1);
}
const largestCatalogue = catalogues.sort((a, b) => gzip(b) - gzip(a))[0]!;
const sizes = [...scripts, largestCatalogue].map((file) => ({ file, gzip: gzip(file) }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
for (const s of sizes) process.stdout.write(`  ${s.file}  ${(s.gzip / 1024).toFixed(1)} kB gzip\n`);
process.stdout.write(`shell before sign-in: ${(total / 1024).toFixed(1)} kB gzip (budget ${BUDGET_BYTES / 1024} kB)\n`);
if (total > BUDGET_BYTES) {
  process.stderr.write('The shell exceeds its bundle budget.\n');
  process.exit(1);
}
