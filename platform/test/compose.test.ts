import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUBGRAPHS } from '../src/registry.ts';

/** docker-compose cannot run here (no container engine): what it must do is checked as text against the registry. */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
}
const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const platformServices = ['gateway', ...SUBGRAPHS.map((s) => s.name)];

describe('docker-compose.yml, beyond the registry', () => {
  it('runs every service in production mode', () => {
    const notProduction = platformServices.filter((name) => compose.services[name]?.environment?.['NODE_ENV'] !== 'production');
    expect(notProduction).toEqual([]);
  });

  it("checks every service's health on its own port's /healthz", () => {
    const problems = platformServices.filter((name) => {
      const test = compose.services[name]?.healthcheck?.test ?? [];
      return !(test[0] === 'CMD' && test.join(' ').includes("process.env.PORT + '/healthz'") && compose.services[name]?.environment?.['PORT']);
    });
    expect(problems).toEqual([]);
  });
});
