import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keyNeedsOf, privateKeyVariable, publicKeyVariable, serviceUrlVariable } from '@etika/kit';
import { GATEWAY_KEYS } from '@etika/gateway';
import { SIGNING_SERVICES, SUBGRAPHS } from '../src/registry.ts';

/** The files that cannot import the registry, checked against it: each failure names what is missing. */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, unknown>;
  volumes?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

describe('docker-compose.yml', () => {
  it('runs every registered subgraph with its port and command, and the gateway after them', () => {
    const problems: string[] = [];
    for (const s of SUBGRAPHS) {
      const service = services[s.name];
      if (!service) {
        problems.push(`no service ${s.name}`);
        continue;
      }
      if (JSON.stringify(service.command) !== JSON.stringify(['npm', 'start', '-w', `subgraphs/${s.name}`])) problems.push(`${s.name}: command is not npm start -w subgraphs/${s.name}`);
      if (service.environment?.['PORT'] !== String(s.port)) problems.push(`${s.name}: PORT is not ${s.port}`);
      for (const [name, other] of Object.entries(services)) {
        if (!other.command) continue;
        const url = other.environment?.[serviceUrlVariable(s.name)];
        if (url !== `http://${s.name}:${s.port}`) problems.push(`${name}: ${serviceUrlVariable(s.name)} is not http://${s.name}:${s.port}`);
      }
      const after = services['gateway']?.depends_on;
      if (!(Array.isArray(after) ? after : Object.keys(after ?? {})).includes(s.name)) problems.push(`gateway does not depend on ${s.name}`);
    }
    const known = new Set(['postgres', 'redis', 'gateway', ...SUBGRAPHS.map((s) => s.name)]);
    for (const name of Object.keys(services)) if (!known.has(name)) problems.push(`service ${name} is not in the registry`);
    expect(problems).toEqual([]);
  });

  it('gives each service every public key and only its own private key', () => {
    const problems: string[] = [];
    const needs = new Map([['gateway', GATEWAY_KEYS], ...SUBGRAPHS.map((s) => [s.name, keyNeedsOf(s)] as const)]);
    for (const [name, need] of needs) {
      const env = services[name]?.environment ?? {};
      const privates = Object.keys(env).filter((k) => k.endsWith('_PRIVATE_KEY'));
      const expected = need.signs ? [privateKeyVariable(name)] : [];
      if (JSON.stringify(privates) !== JSON.stringify(expected)) problems.push(`${name}: private keys ${privates.join(', ') || 'none'}, expected ${expected.join(', ') || 'none'}`);
      for (const signer of SIGNING_SERVICES) if (!env[publicKeyVariable(signer)]) problems.push(`${name}: no ${publicKeyVariable(signer)}`);
      if (services[name]?.volumes?.length) problems.push(`${name}: mounts a volume`);
    }
    expect(problems).toEqual([]);
  });
});

describe('Dockerfile and README', () => {
  it('the image installs every workspace of a registered subgraph', () => {
    const dockerfile = read('Dockerfile');
    const missing = SUBGRAPHS.filter((s) => !dockerfile.includes(`COPY subgraphs/${s.name}/package.json subgraphs/${s.name}/`)).map((s) => s.name);
    expect(missing).toEqual([]);
  });

  it('the README names every subgraph with its port, and no other', () => {
    const rows = [...read('README.md').matchAll(/^\| `subgraphs\/([a-z-]+)` \| (\d+|—) \|/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(rows.filter((r) => !r.startsWith('kit:')).sort()).toEqual(SUBGRAPHS.map((s) => `${s.name}:${s.port}`).sort());
  });
});

describe('the registry', () => {
  it('gives each subgraph its own name and port, and every consumed event a producer', () => {
    const names = SUBGRAPHS.map((s) => s.name);
    const ports = SUBGRAPHS.map((s) => s.port);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set([...ports, 4000]).size).toBe(ports.length + 1);
    const produced = new Set(SUBGRAPHS.flatMap((s) => s.events.produces));
    const orphans = SUBGRAPHS.flatMap((s) => s.events.consumes.filter((e) => !produced.has(e)).map((e) => `${s.name} consumes ${e}`));
    expect(orphans).toEqual([]);
  });

  it('names only registered services as peers and trusted signers', () => {
    const names = new Set<string>(SUBGRAPHS.map((s) => s.name));
    const unknown = SUBGRAPHS.flatMap((s) => [
      ...s.calls.filter((c) => !names.has(c)).map((c) => `${s.name} calls ${c}`),
      ...keyNeedsOf(s).trusts.filter((t) => !SIGNING_SERVICES.includes(t)).map((t) => `${s.name} trusts ${t}, which signs nothing`),
    ]);
    expect(unknown).toEqual([]);
  });
});
