import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from './vitest.shared.ts';
import { SUBGRAPHS } from './platform/src/registry.ts';

/** One project per workspace, rooted absolutely so `npm test -w <workspace>` finds the same files. */
const project = (name: string, dir: string) =>
  mergeConfig(sharedTestConfig, {
    test: { name, root: fileURLToPath(new URL(dir, import.meta.url)), include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
  });

export default defineConfig({
  test: {
    projects: [
      project('schema', './schema/'),
      project('kit', './subgraphs/kit/'),
      ...SUBGRAPHS.map((s) => project(s.name, `./subgraphs/${s.name}/`)),
      project('gateway', './gateway/'),
      project('platform', './platform/'),
      project('sdk', './sdk/'),
      mergeConfig(sharedTestConfig, {
        test: {
          name: 'web',
          root: fileURLToPath(new URL('./web/', import.meta.url)),
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      }),
      mergeConfig(sharedTestConfig, {
        test: {
          name: 'e2e',
          root: fileURLToPath(new URL('./web/', import.meta.url)),
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      }),
    ],
  },
});
