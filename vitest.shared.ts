import { fileURLToPath } from 'node:url';
import type { ViteUserConfig } from 'vitest/config';

const graphqlEntry = fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url));

/** Settings every workspace's tests share: one graphql build, real databases, no timing assertions. */
export const sharedTestConfig: ViteUserConfig = {
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
};
