/**
 * `npx tsx bench/gateway/profile-top.ts <file.cpuprofile> [n]`: the functions with the most self time in a
 * `--cpu-prof` profile (as `npm run bench:gateway` writes with BENCH_PROFILE=<dir>), by share of all samples.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, count] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
for (const id of profile.samples) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|subgraphs)\//, '$1/');
  const key = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
  self.set(key, (self.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(count ?? 25))) {
  process.stdout.write(`${((100 * n) / total).toFixed(1).padStart(5)} %  ${key}\n`);
}
