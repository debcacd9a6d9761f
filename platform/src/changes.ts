/**
 * What a change touches, measured against the base: the merge base with the base branch (`BASE_BRANCH`, default
 * `main`; `origin/<branch>` when a remote has it) when HEAD is not on it, otherwise the commit before HEAD (a clean
 * clone of the base branch itself, CI on a push, or a clone with no other branch). `npx tsx platform/src/changes.ts`
 * prints the subgraphs whose tests must run, one a line (`.ci/run` runs each suite before the whole).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from './registry.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(args: readonly string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export interface Base {
  /** The commit compared with. */
  readonly commit: string;
  /** How it was chosen, for the check's first line. */
  readonly why: string;
}

/** The commit a change is compared with, or null in a repository with a single commit (nothing to compare). */
export function findBase(branch = process.env['BASE_BRANCH'] ?? 'main', root = ROOT): Base | null {
  const git = (args: readonly string[]) => run(args, root);
  const head = git(['rev-parse', 'HEAD']);
  if (!head) return null;
  for (const ref of [`origin/${branch}`, branch]) {
    const tip = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (!tip) continue;
    const mergeBase = git(['merge-base', 'HEAD', tip]);
    if (mergeBase && mergeBase !== head) return { commit: mergeBase, why: `merge base with ${ref}` };
  }
  const parent = git(['rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}']);
  return parent ? { commit: parent, why: 'the commit before HEAD (HEAD is on the base branch)' } : null;
}

/** Files that differ between the base and the working tree (committed or not, new ones too), by path from the root. */
export function changedFiles(base: Base): string[] {
  const lines = (args: readonly string[]) => (run(args, ROOT) ?? '').split('\n').filter(Boolean);
  return [...lines(['diff', '--name-only', base.commit]), ...lines(['ls-files', '--others', '--exclude-standard'])];
}

/** A file as it was at the base, or null where it did not exist. */
export function fileAtBase(base: Base, path: string): string | null {
  return run(['show', `${base.commit}:${path}`], ROOT);
}

/** Paths every subgraph depends on: a change there is a change to each of them. */
const SHARED = ['subgraphs/kit/', 'schema/src/', 'schema/package.json', 'package-lock.json', 'vitest.shared.ts'];

/** The subgraphs a set of changed files touches: their own folder, their printed SDL, or what they all share. */
export function changedSubgraphs(files: readonly string[], names: readonly string[]): string[] {
  if (files.some((f) => SHARED.some((s) => f.startsWith(s)))) return [...names];
  return names.filter((name) => files.some((f) => f.startsWith(`subgraphs/${name}/`) || f === `schema/subgraphs/${name}.graphql`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const base = findBase();
  const names = SUBGRAPHS.map((s) => s.name);
  const changed = base ? changedSubgraphs(changedFiles(base), names) : names;
  process.stderr.write(`changed subgraphs (against ${base ? `${base.why}, ${base.commit.slice(0, 12)}` : 'nothing: a single commit'}): ${changed.join(', ') || 'none'}\n`);
  if (changed.length) process.stdout.write(`${changed.join('\n')}\n`);
}
