import { stringify } from 'yaml';
import type { SubgraphDescriptor } from '@etika/kit';
import { IMAGE, manifestsFor, workloadsOf, type EnvironmentSettings, type Manifest } from './k8s.ts';

/**
 * `deploy/k8s/`: a kustomize base (one file per service, the shared files) and overlays dev, staging and production,
 * each a set of strategic-merge patches computed as the difference between the base and that environment's
 * manifests, so the overlays say exactly what the environment changes. The migration Job has its own kustomization
 * (`base/migrate`, `overlays/<env>/migrate`) so that it runs to completion before the services are applied.
 */

export const BASE: EnvironmentSettings = {
  replicas: 2,
  maxReplicas: 10,
  cpu: { request: '250m', limit: '1' },
  memory: { request: '256Mi', limit: '512Mi' },
  logLevel: 'info',
  host: 'etika.example.com',
  hstsMaxAge: 31_536_000,
  name: 'production',
};

export const ENVIRONMENTS: Readonly<Record<'dev' | 'staging' | 'production', EnvironmentSettings & { readonly tag: string }>> = {
  dev: { ...BASE, replicas: 1, maxReplicas: 2, cpu: { request: '50m', limit: '500m' }, memory: { request: '192Mi', limit: '384Mi' }, logLevel: 'debug', name: 'dev', host: 'etika.dev.example.com', hstsMaxAge: 0, tag: 'latest' },
  staging: { ...BASE, name: 'staging', host: 'etika.staging.example.com', hstsMaxAge: 300, maxReplicas: 4, tag: 'staging' },
  production: { ...BASE, replicas: 3, maxReplicas: 20, cpu: { request: '500m', limit: '2' }, memory: { request: '384Mi', limit: '768Mi' }, tag: 'stable' },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const named = (list: Json[]): list is JsonObject[] => list.length > 0 && list.every((item) => isObject(item) && typeof item['name'] === 'string');

/**
 * A strategic-merge patch from `base` to `target`: maps by key, lists of named objects by name (how Kubernetes
 * merges containers and env), other lists whole. Undefined where nothing differs.
 */
export function mergePatch(base: Json, target: Json): Json | undefined {
  if (isObject(base) && isObject(target)) {
    const patch: JsonObject = {};
    for (const key of Object.keys(target)) {
      const diff = key in base ? mergePatch(base[key]!, target[key]!) : target[key]!;
      if (diff !== undefined) patch[key] = diff;
    }
    return Object.keys(patch).length ? patch : undefined;
  }
  if (Array.isArray(base) && Array.isArray(target) && named(base) && named(target) && base.length === target.length) {
    const items = target.flatMap((item) => {
      const before = base.find((b) => b['name'] === item['name']);
      const diff = before ? mergePatch(before, item) : item;
      return diff === undefined ? [] : [{ name: item['name']!, ...(diff as JsonObject) }];
    });
    return items.length ? items : undefined;
  }
  return JSON.stringify(base) === JSON.stringify(target) ? undefined : target;
}

/** Applies a patch made by `mergePatch` (what kustomize does with it, for the shapes it makes). */
export function applyPatch(base: Json, patch: Json): Json {
  if (isObject(base) && isObject(patch)) {
    const merged: JsonObject = { ...base };
    for (const [key, value] of Object.entries(patch)) merged[key] = key in base ? applyPatch(base[key]!, value) : value;
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(patch) && named(base) && named(patch)) {
    return base.map((item) => {
      const change = patch.find((p) => p['name'] === item['name']);
      return change ? applyPatch(item, change) : item;
    });
  }
  return patch;
}

const HEADER = '# Generated from platform/src/registry.ts by `npm run generate` (platform/src/k8s.ts): edit there, not here.\n';
const yamlDocs = (docs: readonly unknown[]) => HEADER + docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');

/** Every file under `deploy/k8s/`, by path below it. */
export function kubernetesFiles(subgraphs: readonly SubgraphDescriptor[], version: string): Record<string, string> {
  const workloads = workloadsOf(subgraphs);
  const base = manifestsFor(workloads, BASE);
  const files: Record<string, string> = {};
  const services = Object.keys(base).filter((f) => f !== 'migrate.yaml');
  for (const file of services) files[`base/${file}`] = yamlDocs(base[file]!);
  files['base/kustomization.yaml'] = yamlDocs([{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: services }]);
  files['base/migrate/job.yaml'] = yamlDocs(base['migrate.yaml']!);
  files['base/migrate/kustomization.yaml'] = yamlDocs([{ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['job.yaml'] }]);

  for (const [name, env] of Object.entries(ENVIRONMENTS)) {
    const target = manifestsFor(workloads, env);
    const patches = (fileNames: readonly string[]) =>
      fileNames.flatMap((file) =>
        base[file]!.flatMap((manifest, i) => {
          const diff = mergePatch(manifest as unknown as Json, target[file]![i] as unknown as Json);
          return diff === undefined ? [] : [{ apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: { name: manifest.metadata!.name }, ...(diff as JsonObject) }];
        }),
      );
    const namespace = `etika-${name}`;
    const images = [{ name: IMAGE, newTag: env.tag === 'stable' ? version : env.tag }];
    const overlay = (resources: string[], patchFile: string, docs: unknown[]) => ({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      namespace,
      resources,
      images,
      ...(docs.length ? { patches: [{ path: patchFile }] } : {}),
    });
    const servicePatches = patches(services);
    files[`overlays/${name}/namespace.yaml`] = yamlDocs([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': 'etika' } } }]);
    files[`overlays/${name}/kustomization.yaml`] = yamlDocs([overlay(['namespace.yaml', '../../base'], 'patches.yaml', servicePatches)]);
    if (servicePatches.length) files[`overlays/${name}/patches.yaml`] = yamlDocs(servicePatches);
    const jobPatches = patches(['migrate.yaml']);
    files[`overlays/${name}/migrate/kustomization.yaml`] = yamlDocs([overlay(['../../../base/migrate'], 'patches.yaml', jobPatches)]);
    if (jobPatches.length) files[`overlays/${name}/migrate/patches.yaml`] = yamlDocs(jobPatches);
  }
  return files;
}

/** One environment's manifests as they are meant to be applied (what the overlay's patches must produce). */
export function renderedManifests(subgraphs: readonly SubgraphDescriptor[], env: keyof typeof ENVIRONMENTS): Manifest[] {
  return Object.values(manifestsFor(workloadsOf(subgraphs), ENVIRONMENTS[env])).flat();
}

/** `Kind/name`, how a manifest is told apart from the others of its environment. */
export const manifestIdentity = (m: Manifest) => `${m.kind}/${m.metadata?.name}`;
