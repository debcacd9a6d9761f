import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from './vitest.shared.ts';

const project = (name: string, root: string) =>
  mergeConfig(sharedTestConfig, { test: { name, root, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } });

export default defineConfig({
  test: {
    projects: [
      project('schema', './schema'),
      project('kit', './subgraphs/kit'),
      project('identity', './subgraphs/identity'),
      project('org', './subgraphs/org'),
      project('chain', './subgraphs/chain'),
      project('gateway', './gateway'),
    ],
  },
});
