/**
 * `npx tsx bench/gateway/profile-top.ts <file.cpuprofile> [n]`: where a `--cpu-prof` profile (as
 * `npm run bench:gateway` writes with BENCH_PROFILE=<dir>) spends its time, as shares of the busy samples (idle
 * left out): the functions with the most self time, the packages (or our own workspaces) with the most self time,
 * and the gateway's own functions with the most total time (themselves and everything they call synchronously).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, count] = process.argv.slice(2);
const n = Number(count ?? 25);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const where = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|subgraphs|bench)\//, '$1/');
const nameOf = ({ functionName, url, lineNumber }: Node['callFrame']) => `${functionName || '(anonymous)'} ${url ? `${where(url)}:${lineNumber + 1}` : ''}`.trim();
const packageOf = ({ url, functionName }: Node['callFrame']) => {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const local = where(url);
  if (local.startsWith('node:')) return 'node (built-ins)';
  if (/^(gateway|subgraphs|bench)\//.test(local)) return local.split('/').slice(0, local.startsWith('gateway') ? 3 : 3).join('/');
  const parts = local.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};

const busy = profile.samples.filter((id) => byId.get(id)!.callFrame.functionName !== '(idle)');
const self = new Map<string, number>();
const packages = new Map<string, number>();
const total = new Map<string, number>();
const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
for (const id of busy) {
  const frame = byId.get(id)!.callFrame;
  add(self, nameOf(frame));
  add(packages, packageOf(frame));
  // each of our own functions on the stack once, however deep it recurses
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const up = byId.get(at)!.callFrame;
    if (/^(gateway|subgraphs\/kit)\//.test(where(up.url))) seen.add(nameOf(up));
  }
  for (const key of seen) add(total, key);
}
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, hits] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) process.stdout.write(`${((100 * hits) / busy.length).toFixed(1).padStart(5)} %  ${key}\n`);
};
process.stdout.write(`${busy.length} busy samples of ${profile.samples.length} (${((100 * busy.length) / profile.samples.length).toFixed(0)} % busy)\n`);
print('self time, by function', self);
print('self time, by package', packages);
print('total time of our own functions (synchronous part)', total);
