import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { keyNeedsOf, privateKeyVariable } from '@etika/kit';
import { generatedFiles } from '../src/generate.ts';
import { SINGLE_WRITERS, type Manifest } from '../src/k8s.ts';
import { ENVIRONMENTS, applyPatch, manifestIdentity, renderedManifests } from '../src/k8s-files.ts';
import { SUBGRAPHS } from '../src/registry.ts';
import { startTestPlatform, type TestPlatform } from '../src/testing.ts';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';

/** The committed manifests, read as kustomize would: the base, then each overlay's patches over it. */
const committed = (path: string) => readFileSync(new URL(`../../deploy/k8s/${path}`, import.meta.url), 'utf8');
const docs = (path: string) => parseAllDocuments(committed(path)).map((d) => d.toJS() as Record<string, unknown>);
const kustomization = (path: string) => docs(path)[0] as { resources: string[]; patches?: { path: string }[] };

function overlay(env: string): Record<string, unknown>[] {
  const base = kustomization('base/kustomization.yaml').resources.flatMap((file) => docs(`base/${file}`));
  const migrate = kustomization('base/migrate/kustomization.yaml').resources.flatMap((file) => docs(`base/migrate/${file}`));
  const patches = [...(kustomization(`overlays/${env}/kustomization.yaml`).patches ?? []).flatMap((p) => docs(`overlays/${env}/${p.path}`))];
  patches.push(...(kustomization(`overlays/${env}/migrate/kustomization.yaml`).patches ?? []).flatMap((p) => docs(`overlays/${env}/migrate/${p.path}`)));
  const id = (m: Record<string, unknown>) => manifestIdentity(m as unknown as Manifest);
  return [...base, ...migrate].map((m) => patches.filter((p) => id(p) === id(m)).reduce((acc, p) => applyPatch(acc as never, p as never) as Record<string, unknown>, m));
}

/** The Kubernetes API's own schema for each kind the platform uses (kubernetes-models, generated from the API's OpenAPI). */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'batch/v1/Job': Job,
};

function validate(manifest: Record<string, unknown>): string | null {
  const kind = `${String(manifest['apiVersion'])}/${String(manifest['kind'])}`;
  const Model = MODELS[kind];
  if (!Model) return `${kind}: no schema to check it against`;
  try {
    new Model(manifest as never).validate();
    return null;
  } catch (err) {
    return `${kind}/${String((manifest['metadata'] as { name?: string })?.name)}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const ENV_NAMES = Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[];
type Container = { name: string; env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[]; readinessProbe?: { httpGet?: { path: string } }; livenessProbe?: { httpGet?: { path: string } }; resources?: { limits?: object; requests?: object }; securityContext?: { readOnlyRootFilesystem?: boolean } };
type PodTemplate = { spec: { securityContext?: { runAsNonRoot?: boolean }; containers: Container[] } };
const podOf = (m: Record<string, unknown>) => (m['spec'] as { template: PodTemplate }).template.spec;

describe('deploy/k8s', () => {
  it('is what the generator writes from the registry', async () => {
    const files = await generatedFiles();
    const stale = Object.entries(files).filter(([path, content]) => path.startsWith('deploy/k8s/') && committed(path.slice('deploy/k8s/'.length)) !== content);
    expect(stale.map(([path]) => path)).toEqual([]);
  });

  it.each(ENV_NAMES)('%s: the overlay over the base gives that environment, and every object passes the Kubernetes API schema', async (env) => {
    const applied = overlay(env);
    expect(applied).toEqual(JSON.parse(JSON.stringify(renderedManifests(SUBGRAPHS, env))));
    const namespace = docs(`overlays/${env}/namespace.yaml`);
    const problems = [...applied, ...namespace].map(validate).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('the schema check refuses what the API would: a port that is not a number, a Deployment without a selector', () => {
    const deployment = overlay('dev').find((m) => m['kind'] === 'Deployment')!;
    const badPort = structuredClone(deployment) as { spec: { template: PodTemplate & { spec: { containers: { ports: { containerPort: unknown }[] }[] } } } };
    badPort.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'http';
    expect(validate(badPort as never)).toMatch(/containerPort must be integer/);
    const noSelector = structuredClone(deployment) as { spec: Record<string, unknown> };
    delete noSelector.spec['selector'];
    expect(validate(noSelector as never)).toMatch(/selector/);
  });

  it.each(ENV_NAMES)('%s: every registered subgraph and the gateway has its workload, service, budget, policy, and an autoscaler unless it is a single writer', (env) => {
    const ids = new Set(overlay(env).map((m) => manifestIdentity(m as unknown as Manifest)));
    const missing: string[] = [];
    for (const name of ['gateway', ...SUBGRAPHS.map((s) => s.name)]) {
      const kinds = ['Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', ...(SINGLE_WRITERS[name] ? [] : ['HorizontalPodAutoscaler'])];
      for (const kind of kinds) if (!ids.has(`${kind}/${name}`)) missing.push(`${kind}/${name}`);
    }
    for (const shared of ['Ingress/gateway', 'ConfigMap/etika-config', 'Job/etika-migrate', 'NetworkPolicy/default-deny-ingress']) if (!ids.has(shared)) missing.push(shared);
    expect(missing).toEqual([]);
  });

  it('runs every pod non-root on a read-only filesystem, with limits and the probes on /readyz and /healthz', () => {
    const problems: string[] = [];
    for (const m of overlay('production').filter((m) => m['kind'] === 'Deployment' || m['kind'] === 'Job')) {
      const pod = podOf(m);
      const name = `${String(m['kind'])}/${String((m['metadata'] as { name: string }).name)}`;
      if (!pod.securityContext?.runAsNonRoot) problems.push(`${name}: may run as root`);
      for (const c of pod.containers) {
        if (!c.securityContext?.readOnlyRootFilesystem) problems.push(`${name}: writable root filesystem`);
        if (!c.resources?.limits || !c.resources.requests) problems.push(`${name}: no resources`);
        if (m['kind'] === 'Deployment' && c.readinessProbe?.httpGet?.path !== '/readyz') problems.push(`${name}: readiness is not /readyz`);
        if (m['kind'] === 'Deployment' && c.livenessProbe?.httpGet?.path !== '/healthz') problems.push(`${name}: liveness is not /healthz`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names each environment on its spans, so one collector tells dev, staging and production apart', () => {
    const named = ENV_NAMES.map((env) => {
      const config = overlay(env).find((m) => m['kind'] === 'ConfigMap' && (m['metadata'] as { name: string }).name === 'etika-config');
      return [env, (config?.['data'] as Record<string, string> | undefined)?.['OTEL_RESOURCE_ATTRIBUTES']];
    });
    expect(named).toEqual(ENV_NAMES.map((env) => [env, `deployment.environment.name=${env}`]));
  });

  it('holds no secret: keys and datastore URLs come from Secrets by reference, each service gets only its own private key', async () => {
    const problems: string[] = [];
    const paths = Object.keys(await generatedFiles()).filter((path) => path.startsWith('deploy/k8s/'));
    for (const path of paths) if (/^kind: Secret$/m.test(committed(path.slice('deploy/k8s/'.length)))) problems.push(`${path} holds a Secret`);
    for (const m of overlay('production').filter((m) => m['kind'] === 'Deployment')) {
      const name = (m['metadata'] as { name: string }).name;
      const env = podOf(m).containers[0]!.env ?? [];
      for (const v of env) if (/(_KEY|DATABASE_URL|REDIS_URL)$/.test(v.name) && (v.value !== undefined || !v.valueFrom?.secretKeyRef)) problems.push(`${name}: ${v.name} is not a secret reference`);
      const privates = env.filter((v) => v.name.endsWith('_PRIVATE_KEY')).map((v) => v.name);
      const signs = name === 'gateway' || keyNeedsOf(SUBGRAPHS.find((s) => s.name === name)!).signs;
      if (JSON.stringify(privates) !== JSON.stringify(signs ? [privateKeyVariable(name)] : [])) problems.push(`${name}: private keys ${privates.join(', ') || 'none'}`);
    }
    expect(problems).toEqual([]);
  });

  it('lets only the gateway, and the subgraphs that declare they call it, reach a subgraph', () => {
    const policies = new Map(overlay('production').filter((m) => m['kind'] === 'NetworkPolicy').map((m) => [(m['metadata'] as { name: string }).name, m]));
    const problems: string[] = [];
    for (const s of SUBGRAPHS) {
      const spec = policies.get(s.name)?.['spec'] as { ingress: { from?: { podSelector: { matchLabels: Record<string, string> } }[] }[] } | undefined;
      const allowed = (spec?.ingress ?? []).flatMap((rule) => (rule.from ?? [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'anyone' } } }]).map((f) => f.podSelector.matchLabels['app.kubernetes.io/name']));
      const expected = ['gateway', ...SUBGRAPHS.filter((o) => o.calls.includes(s.name)).map((o) => o.name)];
      if (JSON.stringify([...allowed].sort()) !== JSON.stringify([...expected].sort())) problems.push(`${s.name}: reached by ${allowed.join(', ')}, expected ${expected.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the probes the manifests name', { timeout: 120_000 }, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('answer on the gateway and on every subgraph, without a principal token', async () => {
    const origins = { gateway: new URL(p.gatewayUrl).origin, ...Object.fromEntries(Object.entries(p.subgraphUrls).map(([name, url]) => [name, new URL(url).origin])) };
    const answers: string[] = [];
    for (const [name, origin] of Object.entries(origins)) {
      for (const path of ['/healthz', '/readyz']) answers.push(`${name}${path} ${(await fetch(`${origin}${path}`)).status}`);
    }
    expect(answers.filter((a) => !a.endsWith(' 200'))).toEqual([]);
    expect(answers).toHaveLength(2 * (1 + SUBGRAPHS.length));
  });
});
