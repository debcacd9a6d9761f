import { describe, expect, it } from 'vitest';
import { loadPlatformEnv } from '../src/env.ts';
import { SUBGRAPHS } from '../src/registry.ts';

/** `npm start` checks every subgraph's settings up front, then each subgraph parses its own again when it is built. */
describe("npm start's environment", () => {
  it('hands each subgraph its own variables as text, so that its own parse (with its transforms) accepts them', () => {
    const given: Record<string, string> = {
      CHECKPOINT_INTERVAL_MS: '1000',
      SIGN_UP_LIMIT_PER_ADDRESS: '7',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1/32,10.0.0.0/8',
      WEBHOOK_ALLOW_HTTP: 'true',
    };
    const known = new Set(SUBGRAPHS.flatMap((s) => Object.keys(s.settings.shape)));
    const source = Object.fromEntries(Object.entries(given).filter(([name]) => known.has(name)));
    const env = loadPlatformEnv(source);
    expect(env.subgraphSettings).toEqual(source);
    const problems = SUBGRAPHS.flatMap((s) => {
      const parsed = s.settings.safeParse(env.subgraphSettings);
      return parsed.success ? [] : [`${s.name}: ${parsed.error.message}`];
    });
    expect(problems).toEqual([]);
  });
});
