/**
 * `npm run new:subgraph -- <name>`: a working subgraph from the template (one entity, one tenant table, one
 * query and one mutation, one test), registered with the platform: the registry entry, the platform's dependency,
 * docker-compose, the Dockerfile and the README table, its first migration, the printed SDL, the composed
 * supergraph and the web types. `--no-install` leaves `npm install` (the lock file) to the caller.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from './registry.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../template/', import.meta.url));
const RESERVED = new Set(['kit', 'gateway', 'platform', 'schema', 'web']);

/** A name is one lowercase word: a Postgres schema, a package, a `<NAME>_URL` and a docker-compose service. */
export function subgraphNameProblem(name: string, taken: readonly string[]): string | null {
  if (!/^[a-z][a-z0-9]{1,30}$/.test(name)) return 'a subgraph name is one lowercase word of 2 to 31 letters or digits';
  if (RESERVED.has(name)) return `${name} is the name of a package of the platform`;
  if (taken.includes(name)) return `there is already a subgraph named ${name}`;
  return null;
}

/** The first port after the registry's highest that no subgraph and not the gateway (4000) uses. */
export function nextPort(ports: readonly number[]): number {
  let port = Math.max(4000, ...ports) + 1;
  while (ports.includes(port)) port += 1;
  return port;
}

/** Inserts `line` after the last line matching `after`; fails loudly when the file is not shaped as expected. */
export function insertAfterLast(text: string, after: RegExp, line: string, file: string): string {
  const lines = text.split('\n');
  const index = lines.map((l) => after.test(l)).lastIndexOf(true);
  if (index < 0) throw new Error(`${file}: found no line matching ${after}`);
  lines.splice(index + 1, 0, line);
  return lines.join('\n');
}

function edit(path: string, change: (text: string) => string): void {
  const file = join(ROOT, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function copyTemplate(from: string, to: string, words: Record<string, string>): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTemplate(source, target, words);
    else writeFileSync(target, Object.entries(words).reduce((text, [word, value]) => text.replaceAll(word, value), readFileSync(source, 'utf8')));
  }
}

function run(command: string, args: string[], cwd = ROOT): void {
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

function main(): void {
  const [name = '', ...flags] = process.argv.slice(2);
  const problem = subgraphNameProblem(name, SUBGRAPHS.map((s) => s.name));
  const dir = join(ROOT, 'subgraphs', name);
  if (problem || existsSync(dir)) {
    process.stderr.write(`npm run new:subgraph -- <name>: ${problem ?? `subgraphs/${name} already exists`}\n`);
    process.exit(2);
  }
  const port = nextPort(SUBGRAPHS.map((s) => s.port));
  const Name = name[0]!.toUpperCase() + name.slice(1);
  copyTemplate(TEMPLATE, dir, { __name__: name, __Name__: Name, __camel__: name, __port__: String(port) });

  edit('platform/src/registry.ts', (t) =>
    insertAfterLast(insertAfterLast(t, /^import \{ \w+ \} from '@etika\/\w+';$/, `import { ${name} } from '@etika/${name}';`, 'registry.ts'), /^ {2}\w+,$/, `  ${name},`, 'registry.ts'),
  );
  edit('platform/package.json', (t) => {
    const pkg = JSON.parse(t) as { dependencies: Record<string, string> };
    pkg.dependencies = Object.fromEntries(Object.entries({ ...pkg.dependencies, [`@etika/${name}`]: '0.1.0' }).sort(([a], [b]) => a.localeCompare(b)));
    return `${JSON.stringify(pkg, null, 2)}\n`;
  });
  edit('docker-compose.yml', (t) => {
    let out = insertAfterLast(t, /^ {4}[A-Z0-9]+_URL: http:\/\//, `    ${name.toUpperCase()}_URL: http://${name}:${port}`, 'docker-compose.yml');
    out = insertAfterLast(out, /^ {6}- \w+$/, `      - ${name}`, 'docker-compose.yml');
    const service = [`  ${name}:`, '    <<: *service', `    command: ["npm", "start", "-w", "subgraphs/${name}"]`, '    environment:', '      <<: *env', `      PORT: "${port}"`, ''];
    return out.replace(/^ {2}gateway:$/m, `${service.join('\n')}\n  gateway:`);
  });
  edit('Dockerfile', (t) => insertAfterLast(t, /^COPY subgraphs\/\w+\/package\.json/, `COPY subgraphs/${name}/package.json subgraphs/${name}/`, 'Dockerfile'));
  edit('README.md', (t) => insertAfterLast(t, /^\| `subgraphs\/\w+` \| \d+ \|/, `| \`subgraphs/${name}\` | ${port} | ${Name} items (made by \`npm run new:subgraph\`) — defines \`${Name}Item\` |`, 'README.md'));

  // the workspace link npm install would make, so the steps below resolve @etika/<name> at once
  const link = join(ROOT, 'node_modules/@etika', name);
  if (!existsSync(link)) symlinkSync(relative(dirname(link), dir), link);
  run(join(ROOT, 'node_modules/.bin/drizzle-kit'), ['generate', '--name', 'init'], dir);
  run('npm', ['run', 'schema:print']);
  run('npm', ['run', 'codegen']);
  if (!flags.includes('--no-install')) run('npm', ['install', '--no-audit', '--no-fund']);
  process.stdout.write(
    [
      '',
      `  subgraphs/${name} is registered and listens on ${port} with npm start.`,
      `  Its tests: npm test -w subgraphs/${name}. Commit subgraphs/${name}, schema/, web/src/gql and the files listed by git status.`,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
