import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedSubgraphs, findBase } from '../src/changes.ts';
import { codeowners, readmeSection, teamOf, withReadmeSection } from '../src/ownership.ts';
import { SUBGRAPHS } from '../src/registry.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const repos: string[] = [];
afterAll(() => {
  for (const repo of repos) rmSync(repo, { recursive: true, force: true });
});

describe('each subgraph alone', () => {
  it('runs its own tests with npm test -w, through the root config and its own vitest project', () => {
    const problems: string[] = [];
    const config = read('vitest.config.ts');
    for (const s of SUBGRAPHS) {
      const script = (JSON.parse(read(`subgraphs/${s.name}/package.json`)) as { scripts?: Record<string, string> }).scripts?.['test'];
      if (script !== `vitest run --configLoader runner --root ../.. --project ${s.name}`) problems.push(`${s.name}: test script is ${script}`);
    }
    if (!config.includes('...SUBGRAPHS.map((s) => project(s.name, `./subgraphs/${s.name}/`))')) problems.push('vitest.config.ts has no project per registered subgraph');
    expect(problems).toEqual([]);
  });

  it('has an owner in CODEOWNERS, its SDL and its acknowledgements reviewed with the platform team', () => {
    const lines = codeowners([{ name: 'loyalty' }]).split('\n');
    expect(lines).toContain(`/subgraphs/loyalty/ ${teamOf('loyalty')}`);
    expect(lines).toContain(`/schema/subgraphs/loyalty.graphql ${teamOf('loyalty')} @etika/platform-team`);
    expect(lines).toContain(`/subgraphs/loyalty/schema-changes.json ${teamOf('loyalty')} @etika/platform-team`);
    // the catch-all comes first: the last matching line wins
    expect(lines.findIndex((l) => l.startsWith('*'))).toBeLessThan(lines.findIndex((l) => l.startsWith('/subgraphs/loyalty/')));
  });

  it("keeps a README's own content and replaces only its generated section", () => {
    const own = '# loyalty subgraph\n\nPoints for members.\n';
    const first = withReadmeSection(own, readmeSection({ name: 'loyalty', port: 4010, calls: ['org'] }));
    expect(first.startsWith(own.trimEnd())).toBe(true);
    expect(first).toContain('`npm test -w subgraphs/loyalty`');
    expect(first).toContain('`ORG_URL`');
    const again = withReadmeSection(`${first}\nMore of the team's own.\n`, readmeSection({ name: 'loyalty', port: 4011, calls: [] }));
    expect(again).toContain('listens on 4011');
    expect(again).not.toContain('listens on 4010');
    expect(again).toContain("More of the team's own.");
  });
});

describe('what changed', () => {
  it('is each subgraph whose folder or SDL changed, and every one when what they share changed', () => {
    const names = ['identity', 'org', 'token'];
    expect(changedSubgraphs(['subgraphs/token/src/a.ts', 'web/src/x.tsx'], names)).toEqual(['token']);
    expect(changedSubgraphs(['schema/subgraphs/org.graphql'], names)).toEqual(['org']);
    expect(changedSubgraphs(['subgraphs/kit/src/db.ts'], names)).toEqual(names);
    expect(changedSubgraphs(['README.md', 'subgraphs/tokenomics/x.ts'], names)).toEqual([]);
  });

  it('is measured against the merge base with the base branch, else the commit before HEAD', () => {
    const repo = mkdtempSync(join(tmpdir(), 'etika-base-'));
    repos.push(repo);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@test', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    const commit = (file: string) => {
      writeFileSync(join(repo, file), file);
      git('add', file);
      git('commit', '-qm', file);
      return git('rev-parse', 'HEAD');
    };
    git('init', '-q', '-b', 'main');
    commit('a');
    expect(findBase('main', repo)).toBeNull();
    const second = commit('b');
    expect(findBase('main', repo)?.commit).toBe(git('rev-parse', 'HEAD~1'));
    git('checkout', '-qb', 'feature');
    commit('c');
    commit('d');
    expect(findBase('main', repo)).toEqual({ commit: second, why: 'merge base with main' });
  });
});
